"""The words of the workbook: column headers and help (Spanish, English) and what each sheet is.

A key "sheet.column" says something for that sheet only; a key "column" for every sheet.
"""

from __future__ import annotations

HEADERS: dict[str, tuple[str, str]] = {
    "key": ("clave", "key"),
    "name_es": ("nombre (es)", "name (es)"),
    "name_en": ("nombre (en)", "name (en)"),
    "title_es": ("título (es)", "title (es)"),
    "laws.title_es": ("título oficial (es)", "official title (es)"),
    "alt_es": ("acrónimo (es)", "acronym (es)"),
    "alt_en": ("acrónimo (en)", "acronym (en)"),
    "alt": ("acrónimo (sin idioma)", "acronym (no language)"),
    "hidden_es": ("otros nombres (es)", "other names (es)"),
    "hidden": ("otros nombres (sin idioma)", "other names (no language)"),
    "description_es": ("descripción (es)", "description (es)"),
    "description_en": ("descripción (en)", "description (en)"),
    "note_es": ("nota editorial (es)", "editorial note (es)"),
    "subject": ("dimensión IGM", "MGI dimension"),
    "source": ("fuente", "source"),
    "evidence": ("evidencia", "evidence"),
    "level": ("nivel de gobierno", "level of government"),
    "definition_es": ("definición (es)", "definition (es)"),
    "definition_en": ("definición (en)", "definition (en)"),
    "order": ("orden", "order"),
    "publisher": ("editor", "publisher"),
    "laws.publisher": ("emisor", "issued by"),
    "language": ("idioma", "language"),
    "part_of": ("parte de", "part of"),
    "number": ("número", "number"),
    "assessment": ("valoración", "assessment"),
    "public": ("organismo público", "public body"),
    "sector": ("sector", "sector"),
    "body_type": ("tipo de institución", "type of institution"),
    "parent": ("depende de", "part of"),
    "spatial": ("jurisdicción", "jurisdiction"),
    "created": ("creación", "created"),
    "member_count": ("número de actores", "number of actors"),
    "established_by": ("creado por", "established by"),
    "legal_basis": ("fundamento", "legal basis"),
    "installed_on": ("instalación", "installed on"),
    "min_sessions": ("sesiones por año", "sessions per year"),
    "declared_members": ("integrantes declarados", "declared members"),
    "composition_unstated": ("composición no indicada", "composition unstated"),
    "council": ("consejo", "council"),
    "member": ("integrante", "member"),
    "role": ("cargo", "role"),
    "participations.role": ("papel", "role"),
    "vote": ("voto", "vote"),
    "seat_count": ("número de asientos", "seat count"),
    "doc_type": ("tipo de documento", "document type"),
    "jurisdiction": ("jurisdicción", "jurisdiction"),
    "year": ("año", "year"),
    "date": ("fecha", "date"),
    "laws.date": ("fecha del documento", "document date"),
    "last_amended": ("última reforma", "last amended"),
    "amended_by": ("reformada por", "amended by"),
    "amends": ("reforma a", "amends"),
    "authority": ("autoridad competente", "competent authority"),
    "partner": ("socios", "partners"),
    "legal": ("fundamento", "legal basis"),
    "related": ("relacionado con", "related to"),
    "target": ("población objetivo", "target population"),
    "program": ("programa", "program"),
    "participant": ("participante", "participant"),
    "parties": ("partes", "parties"),
    "purpose": ("objeto", "purpose"),
    "participants": ("participantes", "participants"),
    "assigned_to": ("asignado a", "assigned to"),
    "function": ("función", "function"),
    "mentions": ("menciona", "mentions"),
    "attributed_to": ("a cargo de", "attributed to"),
    "type": ("tipo", "type"),
    "see_also": ("véase", "see also"),
    "member_count_above": ("más de", "more than"),
    "members": ("integrantes", "members"),
    "post_in": ("puesto en", "post in"),
    "site_of": ("sede de", "site of"),
    "post": ("puesto", "post"),
    "areas.part_of": ("parte de", "part of"),
    "dataset": ("conjunto de datos", "data set"),
    "area": ("área", "area"),
    "period": ("período", "period"),
    "country_of_origin": ("país de origen", "country of origin"),
    "country_of_destination": ("país de destino", "country of destination"),
    "cause": ("causa", "cause"),
    "value": ("valor", "value"),
    "unit": ("unidad", "unit"),
    "rank_out_of": ("lugar entre", "rank out of"),
    "base_period": ("período base", "base period"),
    "note_en": ("nota editorial (en)", "editorial note (en)"),
    "sex": ("sexo", "sex"),
    "shared.key": ("entidad compartida", "shared entity"),
    "moved.key": ("IRI anterior", "former IRI"),
    "same_as": ("ahora", "now"),
}

ONE_PER_LINE = (", uno por línea.", ", one per line.")

HELP: dict[str, tuple[str, str]] = {
    "key": (
        "Clave corta y única en la hoja (minúsculas, cifras, guiones): forma el IRI.",
        "Short key, unique in the sheet (lowercase, digits, hyphens): it makes the IRI.",
    ),
    "jurisdiction.key": (
        "Identificador de la jurisdicción (mx-gto, mx-oax...); una sola fila.",
        "The jurisdiction's identifier (mx-gto, mx-oax...); one row only.",
    ),
    "articles.key": (
        "La clave de la ley, '/', y la parte: ley-x/art-14, ley-x/art-14/frac-vi.",
        "The law's key, '/', and the part: ley-x/art-14, ley-x/art-14/frac-vi.",
    ),
    "participations.key": (
        "La clave del programa, '/participation/', y la del participante.",
        "The program's key, '/participation/', and the participant's.",
    ),
    "name_es": ("Nombre en español (obligatorio).", "Name in Spanish (required)."),
    "name_en": ("Nombre en inglés.", "Name in English."),
    "title_es": ("Título como lo da la fuente.", "Title as the source gives it."),
    "laws.title_es": (
        "Título oficial del texto en español.",
        "Official title of the Spanish text.",
    ),
    "alt_es": ("Acrónimo o nombre corto (uno por idioma).", "Acronym or short name (one)."),
    "alt_en": ("Acrónimo o nombre corto en inglés.", "Acronym or short name in English."),
    "alt": ("Acrónimo sin idioma (p. ej. ODS).", "Acronym without a language (e.g. ODS)."),
    "hidden_es": (
        "Otros nombres que usa la fuente, uno por línea.",
        "Other names the source uses, one per line.",
    ),
    "hidden": ("Otros nombres sin idioma, uno por línea.", "Other names, no language."),
    "description_es": (
        "Qué es o qué hace, según la fuente (una o dos frases).",
        "What it is or does, as the source says (one or two sentences).",
    ),
    "description_en": ("La descripción en inglés.", "The description in English."),
    "note_es": (
        "Lo que la fuente no dice o contradice; una nota por línea.",
        "What the source leaves open or contradicts; one note per line.",
    ),
    "subject": (
        "Dimensiones de los IGM (lista)" + ONE_PER_LINE[0],
        "MGI dimensions (list)" + ONE_PER_LINE[1],
    ),
    "source": (
        "Sección o nota de la fuente: su clave en 'fuentes' o su número (3.1, nota 36)"
        + ONE_PER_LINE[0],
        "Section or footnote of the source: its key in 'fuentes' or its number (3.1, nota 36)"
        + ONE_PER_LINE[1],
    ),
    "evidence": (
        "Cita textual de la fuente (5 a 40 palabras)" + ONE_PER_LINE[0],
        "Verbatim quote from the source (5 to 40 words)" + ONE_PER_LINE[1],
    ),
    "level": ("Nivel de gobierno (lista).", "Level of government (list)."),
    "definition_es": ("Qué cubre la jurisdicción.", "What the jurisdiction covers."),
    "definition_en": ("La definición en inglés.", "The definition in English."),
    "order": ("Orden en las listas (un entero).", "Order in lists (a whole number)."),
    "publisher": ("Quién lo publica (p. ej. OIM).", "Who publishes it (e.g. OIM)."),
    "language": ("Idioma del documento (es).", "The document's language (es)."),
    "part_of": ("Lo que lo contiene.", "What holds it."),
    "sources.part_of": (
        "El informe o la sección que la contiene.",
        "The report or section that holds it.",
    ),
    "articles.part_of": (
        "La ley, o el artículo de una fracción.",
        "The law, or a fraction's article.",
    ),
    "number": (
        "Número de sección (3.1) o de nota (nota 36).",
        "Section (3.1) or footnote (nota 36).",
    ),
    "articles.number": (
        "Número como lo escribe la ley (14, VI).",
        "Number as the law writes it (14, VI).",
    ),
    "assessment": (
        "Bien desarrollado o con potencial de desarrollo.",
        "Well developed or with potential.",
    ),
    "public": (
        "sí: organización pública (cv:PublicOrganisation); vacío o no: otra organización.",
        "yes: a public organisation (cv:PublicOrganisation); blank or no: another organisation.",
    ),
    "sector": ("Sector (lista).", "Sector (list)."),
    "body_type": (
        "Tipo de institución (lista): institucion-migrante si es la secretaría, instituto u oficina"
        " del gobierno cuya competencia son las personas migrantes.",
        "Type of institution (list): institucion-migrante when it is the government's secretariat,"
        " institute or office whose remit is migrants.",
    ),
    "parent": (
        "Organismo o consejo del que depende" + ONE_PER_LINE[0],
        "The body or council it belongs to" + ONE_PER_LINE[1],
    ),
    "spatial": (
        "Zona que cubre un organismo público: la jurisdicción de su nivel.",
        "Area a public body covers: the jurisdiction of its level.",
    ),
    "created": ("Año (2018), mes (2022-10) o fecha (2022-08-17).", "Year, month or date."),
    "member_count": ("Cuántos son, si la fuente lo dice.", "How many, if the source says."),
    "established_by": (
        "Ley o artículo que lo crea" + ONE_PER_LINE[0],
        "Law or article creating it" + ONE_PER_LINE[1],
    ),
    "legal_basis": (
        "Ley o artículo que lo funda" + ONE_PER_LINE[0],
        "Law or article it rests on" + ONE_PER_LINE[1],
    ),
    "installed_on": ("Fecha de instalación.", "Date of installation."),
    "min_sessions": ("Sesiones ordinarias mínimas al año.", "Minimum ordinary sessions a year."),
    "declared_members": (
        "Número de integrantes que da la fuente.",
        "Number of members the source gives.",
    ),
    "composition_unstated": (
        "sí: la fuente no dice quién lo integra.",
        "yes: the source does not say who sits on it.",
    ),
    "council": ("El consejo (clave, acrónimo o nombre).", "The council (key, acronym or name)."),
    "member": (
        "Organismo o clase de actores del asiento (clave, acrónimo o nombre; federales e "
        "internacionales por acrónimo o nombre).",
        "Body or class of actors holding the seat (key, acronym or name; federal and "
        "international ones by acronym or name).",
    ),
    "role": ("Cargo (lista).", "Role (list)."),
    "participations.role": (
        "Papel en el programa (operacion).",
        "Role in the program (operacion).",
    ),
    "vote": ("Voz y voto, o voz sin voto (lista).", "Voice and vote, or voice only (list)."),
    "seat_count": (
        "Número de asientos de una clase de actores (nunca de un solo organismo).",
        "Number of seats of a class of actors (never of a single body).",
    ),
    "doc_type": (
        "Ley, reglamento, decreto, programa... (lista).",
        "Law, regulation, decree... (list).",
    ),
    "jurisdiction": (
        "Jurisdicción de la que emana (lista).",
        "The jurisdiction it comes from (list).",
    ),
    "year": ("Año, uno por línea si la fuente da varios.", "Year, one per line if several."),
    "date": ("Año (2021), mes (2021-05) o fecha (2021-05-03).", "Year, month or date."),
    "last_amended": ("Fecha de la última reforma.", "Date of the last amendment."),
    "amended_by": (
        "Decretos que la reforman" + ONE_PER_LINE[0],
        "Decrees amending it" + ONE_PER_LINE[1],
    ),
    "amends": ("Leyes que reforma" + ONE_PER_LINE[0], "Laws it amends" + ONE_PER_LINE[1]),
    "authority": (
        "Organismo público responsable" + ONE_PER_LINE[0],
        "Responsible public body" + ONE_PER_LINE[1],
    ),
    "partner": (
        "Otros actores que participan" + ONE_PER_LINE[0],
        "Other actors taking part" + ONE_PER_LINE[1],
    ),
    "legal": (
        "Leyes o reglas que lo rigen" + ONE_PER_LINE[0],
        "Laws or rules governing it" + ONE_PER_LINE[1],
    ),
    "related": ("Programas relacionados" + ONE_PER_LINE[0], "Related programs" + ONE_PER_LINE[1]),
    "target": ("A quién se dirige.", "Who it is for."),
    "program": ("Programas" + ONE_PER_LINE[0], "Programs" + ONE_PER_LINE[1]),
    "participant": ("Quién participa.", "Who takes part."),
    "parties": (
        "Quienes lo firman (dos o más)" + ONE_PER_LINE[0],
        "Who signs it (two or more)" + ONE_PER_LINE[1],
    ),
    "purpose": ("Para qué es.", "What it is for."),
    "participants": (
        "Quienes colaboran (dos o más)" + ONE_PER_LINE[0],
        "Who works together (two or more)" + ONE_PER_LINE[1],
    ),
    "assigned_to": (
        "Quién tiene la función" + ONE_PER_LINE[0],
        "Who holds the function" + ONE_PER_LINE[1],
    ),
    "function": ("La función o atribución.", "The function or duty."),
    "mentions": (
        "Actores, leyes y programas que nombra" + ONE_PER_LINE[0],
        "Actors, laws and programs it names" + ONE_PER_LINE[1],
    ),
    "attributed_to": ("Quién lo administra o aporta.", "Who runs or funds it."),
    "type": ("Artículo, fracción, apartado... (lista).", "Article, fraction, paragraph... (list)."),
    "see_also": (
        "Dirección web del documento citado" + ONE_PER_LINE[0],
        "Web address of the cited document" + ONE_PER_LINE[1],
    ),
    "member_count_above": (
        "Cota: 'más de N' (sin número exacto).",
        "A bound: 'more than N' (no exact number).",
    ),
    "members": (
        "Grupos u organismos que lo integran" + ONE_PER_LINE[0],
        "Groups or bodies in it" + ONE_PER_LINE[1],
    ),
    "post_in": ("Organismo en el que está el puesto.", "The body the post is in."),
    "site_of": (
        "A quién pertenece, si la fuente lo dice.",
        "Whose site it is, if the source says.",
    ),
    "post": (
        "Puesto que ocupa el asiento (Gobernador, titular de...), clave de 'puestos'.",
        "Post holding the seat (Governor, head of...), a key of 'puestos'.",
    ),
    "areas.part_of": ("Jurisdicción o área que la contiene.", "Jurisdiction or area holding it."),
    "dataset": (
        "Conjunto de datos compartido (poblacion, emigrantes...): su clave o nombre.",
        "Shared data set (poblacion, emigrantes...): its key or name.",
    ),
    "area": (
        "Jurisdicción (lista) o área de 'areas'.",
        "Jurisdiction (list) or an area of 'areas'.",
    ),
    "period": ("Año o período (lista).", "Year or period (list)."),
    "sex": ("Sexo (lista), si el dato lo desagrega.", "Sex (list), if the figure is broken down."),
    "country_of_origin": ("País de origen (lista).", "Country of origin (list)."),
    "country_of_destination": ("País de destino (lista).", "Country of destination (list)."),
    "cause": ("Causa de la emigración (lista).", "Cause of emigration (list)."),
    "value": ("El número (1622138, 1,3).", "The number (1622138, 1.3)."),
    "unit": (
        "Unidad (lista): personas, porcentaje, lugar...",
        "Unit (list): persons, percent, rank...",
    ),
    "rank_out_of": ("Para un lugar: entre cuántos (32).", "For a rank: out of how many (32)."),
    "base_period": (
        "Para una variación: el período de comparación.",
        "For a change: the period compared with.",
    ),
    "note_en": ("Nota editorial en inglés.", "Editorial note in English."),
    "shared.key": (
        "El organismo, ley o programa federal o internacional: acrónimo, nombre o CURIE.",
        "The federal or international body, law or program: acronym, name or CURIE.",
    ),
    "moved.key": (
        "La ruta del IRI anterior tras la jurisdicción (body/inm).",
        "The former IRI's path after the jurisdiction (body/inm).",
    ),
    "same_as": ("La entidad que nombra ahora (CURIE o nombre).", "The entity it names now."),
}

SHEET_HELP: dict[str, tuple[str, str]] = {
    "jurisdiction": (
        "La jurisdicción del perfil (un estado; mx para el nivel federal). Si el vocabulario de "
        "govgraph ya la tiene, la fila solo da su identificador.",
        "The profile's jurisdiction (a state; mx for the federal level). When govgraph's "
        "vocabulary has it already, the row only gives its identifier.",
    ),
    "report": (
        "El documento fuente (el informe IGM local).",
        "The source document (the MGI report).",
    ),
    "sources": (
        "Secciones y notas al pie de la fuente: cada relación cita una.",
        "Sections and footnotes of the source: every relationship cites one.",
    ),
    "bodies": (
        "Instituciones, dependencias y organizaciones del perfil (las federales e "
        "internacionales ya están en govgraph: se nombran por acrónimo o nombre).",
        "The profile's institutions, agencies and organisations (federal and international "
        "ones are in govgraph already: name them by acronym or name).",
    ),
    "groups": (
        "Clases de actores que la fuente nombra sin individualizar ('cuatro organizaciones').",
        "Classes of actors the source names without naming each ('four organisations').",
    ),
    "councils": (
        "Consejos, comités, comisiones y sistemas.",
        "Councils, committees, commissions, systems.",
    ),
    "seats": (
        "Quién se sienta en qué consejo, con qué cargo y voto.",
        "Who sits on which council, with which role and vote.",
    ),
    "laws": (
        "Leyes, reglamentos, decretos, planes y otros documentos legales o de política.",
        "Laws, regulations, decrees, plans and other legal or policy documents.",
    ),
    "articles": (
        "Artículos, fracciones y otras partes de las leyes que cita la fuente.",
        "Articles, fractions and other parts of the laws the source cites.",
    ),
    "programs": ("Programas y servicios públicos.", "Programs and public services."),
    "participations": (
        "Quién opera un programa sin ser su autoridad competente.",
        "Who runs a program without being its competent authority.",
    ),
    "agreements": (
        "Convenios firmados: partes, fecha, objeto.",
        "Signed agreements: parties, date, purpose.",
    ),
    "collaborations": (
        "Colaboraciones sin convenio firmado.",
        "Collaborations without a signed agreement.",
    ),
    "mandates": (
        "Funciones que una ley asigna a un actor.",
        "Functions a law assigns to an actor.",
    ),
    "findings": (
        "Hallazgos por dimensión: bien desarrollados o con potencial de desarrollo.",
        "Findings per dimension: well developed or with potential for development.",
    ),
    "funding": (
        "Mecanismos de financiamiento (fondos, ramos).",
        "Funding mechanisms (funds, budget lines).",
    ),
    "posts": (
        "Puestos que la fuente nombra (Gobernador, titular de...), en su organismo.",
        "Posts the source names (Governor, head of...), in their body.",
    ),
    "sites": (
        "Lugares que la fuente nombra (estaciones migratorias...).",
        "Sites the source names.",
    ),
    "areas": (
        "Municipios u otras áreas de las estadísticas.",
        "Municipalities or other areas of the statistics.",
    ),
    "statistics": (
        "Cifras de la fuente (Tendencias migratorias): una observación por fila.",
        "The source's figures (migration trends): one observation per row.",
    ),
    "shared": (
        "Lo que la fuente dice de entidades federales o internacionales (que están en govgraph):"
        " notas, socios, fuentes y citas.",
        "What the source says of federal or international entities (which are in govgraph):"
        " notes, partners, sources and quotes.",
    ),
    "moved": (
        "IRIs que el perfil usó antes y la entidad que ahora nombran (owl:sameAs).",
        "IRIs the profile used before and the entity they name now (owl:sameAs).",
    ),
}

# The README sheet ("LEEME"): what the workbook is and how to use it, Spanish then English.
README: tuple[tuple[str, str], ...] = (
    (
        "Perfil de gobernanza de la migración: libro de trabajo de govgraph",
        "Migration governance profile: govgraph workbook",
    ),
    (
        "Cada hoja es un tipo de cosa; cada fila, una cosa; la primera columna, su clave.",
        "Each sheet is a kind of thing; each row, one thing; the first column, its key.",
    ),
    (
        "Las hojas se refieren unas a otras por clave, acrónimo o nombre. Los organismos, leyes "
        "y programas federales e internacionales ya están en govgraph: se nombran por su "
        "acrónimo o nombre (INM, Ley de Migración) o por su CURIE (mx-body:inm).",
        "Sheets refer to each other by key, acronym or name. Federal and international bodies, "
        "laws and programs are in govgraph already: name them by acronym or name (INM, Ley de "
        "Migración) or by CURIE (mx-body:inm).",
    ),
    (
        "Toda relación (asiento, convenio, colaboración, mandato, hallazgo, cifra) necesita su "
        "fuente (sección o nota de la hoja 'fuentes') y una cita textual (evidencia).",
        "Every relationship (seat, agreement, collaboration, mandate, finding, figure) needs its "
        "source (a section or footnote of the 'fuentes' sheet) and a verbatim quote (evidence).",
    ),
    (
        "Varias entradas en una celda: una por línea (Alt+Intro); en listas y referencias "
        "también separadas por ';'. Las listas desplegables vienen de los vocabularios.",
        "Several entries in a cell: one per line (Alt+Enter); lists and references also take "
        "';'. The drop-down lists come from the vocabularies.",
    ),
    (
        "La fila de ejemplo de cada hoja forma un perfil pequeño y válido: bórrela o "
        "sustitúyala. Luego: govgraph workbook import perfil.xlsx -o data/ttl/mx-xxx",
        "Each sheet's example row belongs to a small valid profile: delete or replace it. "
        "Then: govgraph workbook import perfil.xlsx -o data/ttl/mx-xxx",
    ),
)
