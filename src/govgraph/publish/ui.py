"""The words of the site's pages in Spanish and English."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "es": {
        "site": "govgraph",
        "tagline": "Actores y leyes de la gobernanza de la migración en Zacatecas",
        "home": "Inicio",
        "ontology": "Ontología",
        "network": "Red de consejos",
        "data": "Datos",
        "types": "Tipos",
        "labels": "Nombres",
        "also": "También llamado",
        "description": "Descripción",
        "properties": "Propiedades",
        "incoming": "Lo que apunta aquí",
        "incoming_none": "Ningún recurso apunta a este.",
        "evidence": "Fuente y evidencia",
        "source": "Fuente",
        "quote": "Cita del informe",
        "formats": "Descripción en RDF",
        "record": "Registro",
        "name": "Nombre",
        "english": "Nombre en inglés",
        "acronym": "Siglas",
        "count": "Número",
        "context": "Contexto",
        "identifier": "Identificador",
        "entities": "recursos",
        "triples": "tripletas",
        "indexes": "Índices por tipo",
        "dimensions": "Dimensiones de los IGM",
        "dimension": "Dimensión",
        "findings": "Hallazgos",
        "related": "Recursos sobre esta dimensión",
        "sections": "Secciones del informe sobre esta dimensión",
        "mentions": "Menciona",
        "total": "Total",
        "classes": "Clases",
        "props": "Propiedades",
        "other_terms": "Otros términos",
        "axioms": "Axiomas de los vocabularios reutilizados",
        "schemes": "Esquemas de conceptos",
        "instances": "Instancias",
        "namespace": "Espacio de nombres",
        "version": "Versión",
        "dumps": "Descargas del grafo completo",
        "void": "Descripción del conjunto de datos (VoID y DCAT)",
        "context_file": "Contexto JSON-LD",
        "endpoint": "Punto de acceso SPARQL",
        "conneg": (
            "Cada IRI devuelve HTML a los navegadores y Turtle o JSON-LD a los clientes RDF "
            "(encabezado Accept). Configuración de ejemplo:"
        ),
        "network_intro": (
            "Consejos, comités y sistemas con sus integrantes (una arista por membresía). "
            "La vista funciona sin conexión."
        ),
        "network_open": "Abrir la red a pantalla completa",
        "network_frame": "Red de consejos y sus integrantes",
        "intro": (
            "Grafo de conocimiento de los actores, consejos, leyes, programas, convenios y "
            "hallazgos de la gobernanza de la migración en el Estado de Zacatecas (México), "
            "tomado del informe de la OIM"
        ),
        "license": (
            "Grafo y páginas: CC BY 4.0. Los hechos y las citas textuales provienen del informe "
            "de la Organización Internacional para las Migraciones (OIM), cuyos derechos "
            "pertenecen a la OIM."
        ),
        "license_link": "Licencia CC BY 4.0",
        "generated": "Generado por govgraph a partir del grafo",
        "well": "bien desarrollados",
        "potential": "con potencial de desarrollo",
        "all_about": "todos los recursos",
        "from_resource": "Desde",
        "size": "Tamaño",
        "format": "Formato",
        "file": "Archivo",
        "nav": "Navegación del sitio",
        "crumbs": "Ruta",
        "of_type": "de tipo",
    },
    "en": {
        "site": "govgraph",
        "tagline": "Actors and laws of migration governance in Zacatecas",
        "home": "Home",
        "ontology": "Ontology",
        "network": "Councils network",
        "data": "Data",
        "types": "Types",
        "labels": "Names",
        "also": "Also called",
        "description": "Description",
        "properties": "Properties",
        "incoming": "What points here",
        "incoming_none": "No resource points at this one.",
        "evidence": "Source and evidence",
        "source": "Source",
        "quote": "Quote from the report",
        "formats": "Description in RDF",
        "record": "Record",
        "name": "Name",
        "english": "Name in Spanish",
        "acronym": "Acronym",
        "count": "Count",
        "context": "Context",
        "identifier": "Identifier",
        "entities": "resources",
        "triples": "triples",
        "indexes": "Indexes by type",
        "dimensions": "MGI dimensions",
        "dimension": "Dimension",
        "findings": "Findings",
        "related": "Resources about this dimension",
        "sections": "Report sections about this dimension",
        "mentions": "Mentions",
        "total": "Total",
        "classes": "Classes",
        "props": "Properties",
        "other_terms": "Other terms",
        "axioms": "Axioms of the reused vocabularies",
        "schemes": "Concept schemes",
        "instances": "Instances",
        "namespace": "Namespace",
        "version": "Version",
        "dumps": "Downloads of the whole graph",
        "void": "Dataset description (VoID and DCAT)",
        "context_file": "JSON-LD context",
        "endpoint": "SPARQL endpoint",
        "conneg": (
            "Every IRI gives HTML to browsers and Turtle or JSON-LD to RDF clients (Accept "
            "header). Example configuration:"
        ),
        "network_intro": (
            "Councils, committees and systems with their members (an edge per membership). "
            "The view works offline."
        ),
        "network_open": "Open the network full screen",
        "network_frame": "Network of councils and their members",
        "intro": (
            "A knowledge graph of the actors, councils, laws, programs, agreements and "
            "findings of migration governance in the State of Zacatecas (Mexico), taken from "
            "the IOM report"
        ),
        "license": (
            "Graph and pages: CC BY 4.0. The facts and the verbatim quotes come from the report "
            "of the International Organization for Migration (IOM), whose rights belong to IOM."
        ),
        "license_link": "CC BY 4.0 licence",
        "generated": "Generated by govgraph from the graph",
        "well": "well developed",
        "potential": "with potential for development",
        "all_about": "all resources",
        "from_resource": "From",
        "size": "Size",
        "format": "Format",
        "file": "File",
        "nav": "Site navigation",
        "crumbs": "Breadcrumbs",
        "of_type": "of type",
    },
}
