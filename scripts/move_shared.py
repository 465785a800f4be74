"""Move the federal and international entities of the Zacatecas profile to shared IRIs.

Usage: .venv/bin/python scripts/move_shared.py [--check] [DATA_DIR]   (default: data/ttl)

What exists beyond one state gets an IRI of its own level, shared by every profile that
mentions it (docs/model.md, "Jurisdictions"): the federal bodies, councils, laws, programs and
funding of MOVES["mx"] go from id/mx-zac/... to id/mx/... (data/ttl/mx/), the international
organisations, instruments and programs of MOVES["int"] to id/int/... (data/ttl/int/). The
Turtle is edited as text, so that prefixes, grouping and comments stay where they were:

* A moved entity's statement (and its articles', expressions' ... whose IRIs start with its
  own) goes to the file of the same name in the shared folder, under a copy of the section
  header it stood under. What the entity is stays with it; the triples that point into the
  profile (a report section as dcterms:source, a state body as partner), the evidence
  quotes and the editorial notes (how the profile's report was read) stay in the profile's
  file, in place, as a statement about the shared IRI.
* Every reference to a moved IRI, in every data file, becomes the new one (CURIEs, full IRIs,
  CURIEs quoted in editorial notes, dcterms:identifier literals); juris:internacional becomes
  juris:int.
* Every typed subject under id/<jurisdiction>/ gets gg:jurisdiction juris:<jurisdiction>
  (after its rdf:type) if it has none.
* data/ttl/mx-zac/moved.ttl states old owl:sameAs new for every moved IRI.
* Every data file starts with the prefix table of govgraph.namespaces.

Re-runnable: a second run finds nothing to move and changes no byte. Before writing, the
result is checked against the graph it started from: the same triples with the IRIs mapped,
plus the gg:jurisdiction and owl:sameAs triples, and no file of a shared level points into a
profile. --check writes nothing and exits 1 when a run would change something.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import rdflib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govgraph.namespaces import ID_BASE, PREFIXES, turtle_prefixes  # noqa: E402

PROFILE = "mx-zac"
JURIS = PREFIXES["juris"]
GG_JURISDICTION = PREFIXES["gg"] + "jurisdiction"
GG_EVIDENCE = PREFIXES["gg"] + "evidence"
# What a report says about a shared entity stays with the profile whose report it is: its
# quotes and its editorial notes (how that report was read), and every triple whose object is
# one of the profile's IRIs (a report section as source, a state body as partner).
PROFILE_PREDICATES = frozenset((GG_EVIDENCE, PREFIXES["skos"] + "editorialNote"))
RDF_TYPE = PREFIXES["rdf"] + "type"
OWL_SAME_AS = PREFIXES["owl"] + "sameAs"
PARTICIPATION = PREFIXES["cv"] + "Participation"
# Renamed vocabulary terms (the old IRI stays resolvable in the vocabulary itself).
RENAMED = {JURIS + "internacional": JURIS + "int"}

# What moves, by level and kind: the slugs under id/mx-zac/<kind>/. Decided by what the report
# says: a body's level of government, a law's jurisdiction (eli:jurisdiction), a program's
# federal operator or national scope. Not moved: the Zona Militar "con sede en el Estado" (the
# state's own military zone, not one shared by every state), the SEGOB/INM - Servicios de
# Salud de Zacatecas convenio (an agreement of this state, although eli:jurisdiction juris:mx),
# the 2x1 program (run by the SEZAMI under state rules), the financial-orientation program
# "a Zacatecanos en el Exterior", the state scholarships, and every class of actors (the
# report's own grouping).
MOVES: dict[str, dict[str, tuple[str, ...]]] = {
    "mx": {
        "body": (
            "gobierno-federal",
            "congreso-federal",
            "segob",
            "subsecretaria-ddhh-poblacion-migracion",
            "upmrip",
            "inm",
            "comar",
            "conapo",
            "inegi",
            "coneval",
            "cesop",
            "lxiii-legislatura",
            "sre",
            "ime",
            "stps",
            "unidad-servicio-nacional-empleo",
            "direccion-movilidad-laboral",
            "sep",
            "conocer",
            "secretaria-economia-federal",
            "shcp",
            "finabien",
            "banco-bienestar",
            "cndh",
            "comision-nacional-busqueda",
            "mea",
            "conago",
            "conago-comision-asuntos-migratorios",
            "consejo-nacional-inclusion-financiera",
            "comite-educacion-financiera",
        ),
        "council": ("ccpm", "sistema-nacional-busqueda"),
        "law": (
            "cpeum-1917",
            "loapf-1976",
            "ley-general-salud-1984",
            "ley-general-educacion-2019",
            "ley-migracion-2011",
            "ley-refugiados-2011",
            "ley-general-poblacion-1974",
            "reglamento-interior-segob-2019",
            "ley-general-desaparicion-2017",
            "ley-federal-trabajo-1970",
            "ley-general-proteccion-civil-2012",
            "ley-general-trata-2012",
            "acuerdo-snbp-002-2020",
            "programa-sectorial-gobernacion-2020-2024",
            "programa-institucional-banco-bienestar-2020-2024",
            "decreto-finabien-2022",
            "acuerdo-creacion-ccpm",
            "nueva-politica-migratoria-2018-2024",
            "plan-integral-salud-poblacion-migrante",
            "politica-nacional-inclusion-financiera-2020",
            "programa-nacional-derechos-humanos-2020-2024",
            "programa-nacional-financiamiento-desarrollo-2020-2024",
            "nmx-r-025-scfi-2015",
            "protocolo-flujos-masivos-2020",
            "lineamientos-mea-2022",
            "manual-operativo-jornaleros-2022",
            "guia-heroes-paisanos",
        ),
        "program": (
            "heroes-paisanos",  # INM (competent authority)
            "educacion-migrante-binacional",  # "opera a nivel nacional desde 2013"
            "programa-apoyo-empleo",  # the STyPS's call (with the state government)
            "subprograma-movilidad-laboral",  # "opera en 28 Estados"
            "movilidad-laboral-jornaleros",  # "liderado a nivel federal por la STyPS"
            "ptat",  # Mexico-Canada
            "movilidad-externa-jornaleros",
            "movilidad-externa-no-agricolas",
            "tarjeta-finabien",  # FINABIEN (competent authority)
        ),
        "funding": ("ramo-33",),  # a ramo general of federal spending
    },
    "int": {
        "body": (
            "oim",
            "consejo-oim",
            "economist-impact",  # co-author of the MGI, cited by every profile
            "acnur",
            "icmpd",
            "bbva",
            "naciones-unidas",
        ),
        "law": (
            "agenda-2030",
            "pacto-mundial-migracion",
            "nueva-agenda-urbana",
            "llamamiento-accion-local",
            "migof-2015",
        ),
        # the OIM's strategy under which every local MGI profile is made
        "program": ("estrategia-gobernanza-migratoria-local",),
    },
}

FILE_NOTES = {
    "institutions.ttl": "Institutions and bodies",
    "councils.ttl": "Councils",
    "laws.ttl": "Laws and other legal or policy documents, with the articles profiles cite",
    "programs.ttl": "Programs and funding mechanisms",
}
LEVEL_NAMES = {"mx": "Mexico's federal level", "int": "the international level"}


def moved_roots() -> dict[str, str]:
    """Old IRI → new IRI of every moved entity (its sub-IRIs follow it)."""
    roots = {}
    for level, kinds in MOVES.items():
        for kind, slugs in kinds.items():
            for slug in slugs:
                roots[f"{ID_BASE}{PROFILE}/{kind}/{slug}"] = f"{ID_BASE}{level}/{kind}/{slug}"
    return roots


ROOTS = moved_roots()


def map_iri(iri: str) -> str:
    """The IRI after the move (itself when it does not move)."""
    if iri in RENAMED:
        return RENAMED[iri]
    if not iri.startswith(ID_BASE + PROFILE + "/"):
        return iri
    parts = iri[len(ID_BASE) :].split("/")
    for end in range(len(parts), 2, -1):  # the longest root first: id/mx-zac/kind/slug
        root = ID_BASE + "/".join(parts[:end])
        if root in ROOTS:
            return ROOTS[root] + iri[len(root) :]
    return iri


def jurisdiction_of(iri: str) -> str | None:
    """The identifier of the jurisdiction an IRI under id/ lives in, else None."""
    if not iri.startswith(ID_BASE):
        return None
    return iri[len(ID_BASE) :].split("/", 1)[0] or None


# --- Turtle as text -------------------------------------------------------------------------

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)
_PN_LOCAL = re.compile(r"^[\w](?:[\w.-]*[\w-])?$")
_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\\n]|\\.)*")'
    r"|(?P<iri><[^>\s]*>)"
    r"|(?P<pname>(?:[A-Za-z][\w.-]*)?:[\w.:-]*[\w:-]|(?:[A-Za-z][\w.-]*)?:)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<punct>\^\^|[;,.()\[\]])"
    r"|(?P<word>[^\s;,()\[\]\"<]+)"
    r"|(?P<space>\s+)"
)


@dataclass
class Token:
    kind: str
    text: str


def tokens(text: str) -> list[Token]:
    """The tokens of one statement (comments are never inside statements in these files)."""
    found = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise SystemExit(f"cannot read Turtle at {text[position : position + 40]!r}")
        kind = match.lastgroup or ""
        found.append(Token(kind, match.group()))
        position = match.end()
    # a name followed by the statement's final "." was read with it only when no space
    return found


def full_iri(token: Token) -> str | None:
    """The IRI a token names (an <IRI> or a prefixed name of the table), else None."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in PREFIXES:
            return PREFIXES[prefix] + local
    return None


def write_iri(iri: str) -> str:
    """An IRI as the files write it: a prefixed name when the local part allows, else <IRI>."""
    for prefix, namespace in _BY_LENGTH:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and _PN_LOCAL.match(local):
            return f"{prefix}:{local}"
    return f"<{iri}>"


# A CURIE written inside a text ("(law:guia-heroes-paisanos)"): rewritten like the terms.
_QUOTED_CURIE = re.compile(r"(?<![\w:/-])([A-Za-z][\w-]*):([\w-]+(?:/[\w-]+)*)")


def map_text(text: str) -> str:
    """A literal's text with the CURIEs it quotes and identifier paths mapped."""

    def one(match: re.Match[str]) -> str:
        prefix, local = match.group(1), match.group(2)
        if prefix not in PREFIXES:
            return match.group()
        iri = PREFIXES[prefix] + local
        new = map_iri(iri)
        if new == iri:
            return match.group()
        shown = write_iri(new)
        return shown if not shown.startswith("<") else match.group()

    mapped = _QUOTED_CURIE.sub(one, text)
    # dcterms:identifier: the IRI's path after id/ ("mx-zac/body/inm" → "mx/body/inm")
    if re.fullmatch(r"[\w-]+(?:/[\w.-]+)+", mapped):
        new = map_iri(ID_BASE + mapped)
        if new != ID_BASE + mapped and new.startswith(ID_BASE):
            return new[len(ID_BASE) :]
    return mapped


def map_token(token: Token) -> str:
    """A token's text after the move."""
    iri = full_iri(token)
    if iri is not None:
        new = map_iri(iri)
        if new == iri:
            return token.text
        # a prefixed name stays one when it can; an IRI written in full stays in full
        return write_iri(new) if token.kind == "pname" else f"<{new}>"
    if token.kind == "string":
        body = token.text[1:-1]
        mapped = map_text(body)
        return f'"{mapped}"' if mapped != body else token.text
    return token.text


@dataclass
class Group:
    """One predicate of a statement with its objects (each a run of tokens)."""

    predicate: str  # full IRI ("a" is rdf:type)
    predicate_text: str
    objects: list[list[Token]]
    raw: str  # the group's text as written (stripped)


@dataclass
class Statement:
    subject: str
    subject_text: str
    groups: list[Group]
    text: str  # as written, the final " ." included

    def objects(self, predicate: str) -> list[str]:
        return [
            "".join(t.text for t in obj).strip()
            for g in self.groups
            if g.predicate == predicate
            for obj in g.objects
        ]


def parse_statement(text: str) -> Statement:
    """Split a statement into its subject and predicate groups (no blank nodes here)."""
    toks = tokens(text)
    significant = [t for t in toks if t.kind != "space"]
    if significant[-1].text != ".":
        raise SystemExit(f"statement does not end with '.': {text[:80]!r}")
    subject_token = significant[0]
    subject = full_iri(subject_token)
    if subject is None:
        raise SystemExit(f"unknown subject {subject_token.text!r}")
    # groups: split the tokens after the subject on top-level ";" (no brackets in these files)
    body = toks[toks.index(subject_token) + 1 :]
    while body and body[-1].kind == "space":
        body.pop()
    body.pop()  # the final "."
    raws: list[list[Token]] = [[]]
    for token in body:
        if token.kind == "punct" and token.text == ";":
            raws.append([])
        else:
            raws[-1].append(token)
    groups = []
    for raw in raws:
        parts = [t for t in raw if t.kind != "space"]
        if not parts:
            continue
        predicate_token = parts[0]
        predicate = RDF_TYPE if predicate_token.text == "a" else full_iri(predicate_token)
        if predicate is None:
            raise SystemExit(f"unknown predicate {predicate_token.text!r}")
        after = raw[raw.index(predicate_token) + 1 :]
        objects: list[list[Token]] = [[]]
        for token in after:
            if token.kind == "punct" and token.text == ",":
                objects.append([])
            else:
                objects[-1].append(token)
        objects = [strip(o) for o in objects if any(t.kind != "space" for t in o)]
        groups.append(
            Group(predicate, predicate_token.text, objects, "".join(t.text for t in raw).strip())
        )
    return Statement(subject, subject_token.text, groups, text)


def strip(run: list[Token]) -> list[Token]:
    """A run of tokens without leading and trailing white space."""
    start, end = 0, len(run)
    while start < end and run[start].kind == "space":
        start += 1
    while end > start and run[end - 1].kind == "space":
        end -= 1
    return run[start:end]


def rewrite(text: str) -> str:
    """A statement's text with every token mapped (spacing and line breaks kept)."""
    return "".join(map_token(t) for t in tokens(text))


# --- files as items -------------------------------------------------------------------------


@dataclass
class Item:
    kind: str  # "prefixes", "comment", "blank", "statement"
    text: str  # the lines, each with its "\n"
    statement: Statement | None = None
    attached: list[str] = field(default_factory=list)  # comment lines right above a statement


def statement_end(lines: list[str], start: int) -> int:
    """The index of the line that ends the statement starting at lines[start]."""
    in_string = False
    for index in range(start, len(lines)):
        line = lines[index]
        position = 0
        while position < len(line):
            char = line[position]
            if in_string:
                if char == "\\":
                    position += 1
                elif char == '"':
                    in_string = False
            elif char == '"':
                in_string = True
            position += 1
        if not in_string and re.search(r"(^|\s)\.\s*$", line):
            return index
    raise SystemExit(f"unterminated statement at line {start + 1}")


def read_items(path: Path) -> list[Item]:
    """A data file as items: its prefix block, comments, blank lines and statements."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    items: list[Item] = []
    index = 0
    prefixes = []
    while index < len(lines) and lines[index].startswith("@prefix"):
        prefixes.append(lines[index])
        index += 1
    items.append(Item("prefixes", "".join(prefixes)))
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            items.append(Item("blank", line))
            index += 1
        elif line.startswith("#"):
            items.append(Item("comment", line))
            index += 1
        else:
            end = statement_end(lines, index)
            text = "".join(lines[index : end + 1])
            items.append(Item("statement", text, parse_statement(text)))
            index = end + 1
    # comment lines directly above a statement (no blank line between) belong to it
    merged: list[Item] = []
    for item in items:
        if item.kind == "statement":
            while merged and merged[-1].kind == "comment":
                item.attached.insert(0, merged.pop().text)
        merged.append(item)
    # consecutive comment lines form one block
    blocks: list[Item] = []
    for item in merged:
        if item.kind == "comment" and blocks and blocks[-1].kind == "comment":
            blocks[-1].text += item.text
        else:
            blocks.append(item)
    return blocks


def render(items: list[Item]) -> str:
    """Items back to text."""
    out = []
    for item in items:
        out.extend(item.attached)
        out.append(item.text)
    return "".join(out)


def is_rule_header(item: Item) -> bool:
    """A section header: a comment block drawn with a rule (=== or ---)."""
    return item.kind == "comment" and bool(re.search(r"^# [=-]{10,}", item.text, re.M))


# --- the move -------------------------------------------------------------------------------


def join_objects(runs: list[list[Token]]) -> str:
    return " , ".join("".join(map_token(t) for t in run) for run in runs)


def split_statement(statement: Statement) -> tuple[str, str | None]:
    """A moved entity's statement as (shared text, profile text or None).

    The profile keeps what its report says (PROFILE_PREDICATES, objects among its IRIs).
    """
    new_subject = map_iri(statement.subject)
    shared: list[tuple[Group, list[list[Token]]]] = []
    profile: list[tuple[Group, list[list[Token]]]] = []
    for group in statement.groups:
        mine, theirs = [], []
        for obj in group.objects:
            iri = full_iri(obj[0]) if len(obj) == 1 else None
            target = map_iri(iri) if iri else None
            if group.predicate in PROFILE_PREDICATES or (
                target is not None and jurisdiction_of(target) == PROFILE
            ):
                theirs.append(obj)
            else:
                mine.append(obj)
        if mine:
            shared.append((group, mine))
        if theirs:
            profile.append((group, theirs))
    if not profile:
        return rewrite(statement.text), None

    def emit(parts: list[tuple[Group, list[list[Token]]]]) -> str:
        lines = []
        for group, objects in parts:
            if len(objects) == len(group.objects):
                text = rewrite(group.raw)
            else:
                predicate = group.predicate_text
                if predicate != "a":
                    predicate = map_token(Token("pname", predicate))
                text = f"{predicate} {join_objects(objects)}"
            lines.append(text)
        subject = write_iri(new_subject)
        return subject + " " + " ;\n    ".join(lines) + " .\n"

    return emit(shared), emit(profile)


def add_jurisdiction(text: str) -> str:
    """A statement's text with gg:jurisdiction after its rdf:type, when it has a type and none."""
    statement = parse_statement(text)
    place = jurisdiction_of(statement.subject)
    if place is None or not statement.objects(RDF_TYPE) or statement.objects(GG_JURISDICTION):
        return text
    toks = tokens(text)
    # after the first top-level ";" that ends the type group, or before the final "."
    types = next(g for g in statement.groups if g.predicate == RDF_TYPE)
    if statement.groups.index(types) != 0:
        raise SystemExit(f"{statement.subject_text}: rdf:type is not its first predicate")
    line = f"gg:jurisdiction juris:{place}"
    for index, token in enumerate(toks):
        if token.kind == "punct" and token.text == ";":
            return (
                "".join(t.text for t in toks[: index + 1])
                + f"\n    {line} ;"
                + "".join(t.text for t in toks[index + 1 :])
            )
    end = max(i for i, t in enumerate(toks) if t.text == ".")
    return (
        "".join(t.text for t in toks[:end]).rstrip()
        + f" ;\n    {line} ."
        + "".join(t.text for t in toks[end + 1 :])
    )


@dataclass
class Moved:
    """What moves out of one profile file into one shared file."""

    header: str  # the section header it stood under ("" for none)
    text: str


def move_file(path: Path) -> tuple[list[Item], dict[str, list[Moved]]]:
    """The profile file's new items, and the statements for each shared level."""
    items = read_items(path)
    out: list[Item] = []
    moving: dict[str, list[Moved]] = defaultdict(list)
    header = ""
    for position, item in enumerate(items):
        if is_rule_header(item):
            header = item.text
        if item.kind != "statement":
            out.append(item)
            continue
        assert item.statement is not None
        statement = item.statement
        new_subject = map_iri(statement.subject)
        level = jurisdiction_of(new_subject)
        if new_subject == statement.subject or level == PROFILE:
            out.append(
                Item(
                    "statement",
                    add_jurisdiction(rewrite(item.text)),
                    statement,
                    [rewrite_comment(c) for c in item.attached],
                )
            )
            continue
        if PARTICIPATION in statement.objects(RDF_TYPE) or any(
            full_iri(t) == PARTICIPATION for g in statement.groups for o in g.objects for t in o
        ):
            raise SystemExit(
                f"{statement.subject_text}: a participation would move with its program"
            )
        shared, kept = split_statement(statement)
        comments = "".join(rewrite_comment(c) for c in item.attached)
        assert level is not None
        moving[level].append(Moved(header, comments + add_jurisdiction(shared)))
        if kept is not None:
            where = f"data/ttl/{level}/{path.name}"
            note = (
                f"# {write_iri(new_subject)} is described in {where}; "
                "what this report says of it:\n"
            )
            out.append(Item("statement", kept, parse_statement(kept), [note]))
        else:
            # drop the blank line that followed the statement
            if position + 1 < len(items) and items[position + 1].kind == "blank":
                items[position + 1] = Item("skip", "")
    out = [i for i in out if i.kind != "skip"]
    return drop_empty_sections(out), moving


def rewrite_comment(text: str) -> str:
    return map_text(text) if text.startswith("#") else text


def drop_empty_sections(items: list[Item]) -> list[Item]:
    """Remove rule headers whose section lost every statement, and doubled blank lines."""
    kept: list[Item] = []
    for index, item in enumerate(items):
        if item.kind == "skip":
            continue
        if is_rule_header(item):
            following = [i for i in items[index + 1 :] if i.kind not in ("blank", "skip")]
            if not following or is_rule_header(following[0]):
                continue
        kept.append(item)
    tidy: list[Item] = []
    for item in kept:
        if item.kind == "blank" and tidy and tidy[-1].kind == "blank":
            continue
        tidy.append(item)
    while tidy and tidy[-1].kind == "blank":
        tidy.pop()
    return tidy


def shared_file(level: str, name: str, moved: list[Moved], existing: str | None) -> str:
    """The text of a shared file: its header (when new) and the moved statements by section."""
    parts: list[str] = []
    if existing is None:
        what = FILE_NOTES.get(name, name)
        parts.append(turtle_prefixes())
        parts.append(
            f"\n# {what} of {LEVEL_NAMES[level]}, shared by every profile that names them\n"
            f'# (docs/model.md, "Jurisdictions"). Their IRIs are under id/{level}/, each carries\n'
            f"# gg:jurisdiction juris:{level}. What a profile's report says about them (its "
            "sources,\n# quotes, the state bodies they work with) is in that profile's folder.\n"
        )
    else:
        parts.append(existing.rstrip("\n") + "\n")
    header = None
    for entry in moved:
        if entry.header != header:
            header = entry.header
            if header:
                parts.append("\n" + header)
        parts.append("\n" + entry.text)
    return "".join(parts)


def prefixed(text: str) -> str:
    """A file's text with its prefix block replaced by the table's."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and lines[index].startswith("@prefix"):
        index += 1
    return turtle_prefixes() + "".join(lines[index:])


# --- checks ---------------------------------------------------------------------------------


def parse_graph(files: dict[Path, str]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path, text in files.items():
        graph.parse(data=text, format="turtle", publicID=path.as_uri())
        list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    return graph


def map_term(term: rdflib.term.Node) -> rdflib.term.Node:
    if isinstance(term, rdflib.URIRef):
        return rdflib.URIRef(map_iri(str(term)))
    if isinstance(term, rdflib.Literal) and isinstance(term.value, str):
        mapped = map_text(str(term))
        if mapped != str(term):
            return rdflib.Literal(mapped, lang=term.language, datatype=term.datatype)
    return term


def expected(before: rdflib.Graph) -> set[tuple[rdflib.term.Node, ...]]:
    """The triples the moved files must hold."""
    triples = {(map_term(s), map_term(p), map_term(o)) for s, p, o in before}
    typed = {s for s, p, _ in triples if p == rdflib.RDF.type and isinstance(s, rdflib.URIRef)}
    has = {s for s, p, _ in triples if str(p) == GG_JURISDICTION}
    for subject in typed - has:
        place = jurisdiction_of(str(subject))
        if place:
            triples.add((subject, rdflib.URIRef(GG_JURISDICTION), rdflib.URIRef(JURIS + place)))
    for old in moved_subjects(before):
        triples.add((rdflib.URIRef(old), rdflib.OWL.sameAs, rdflib.URIRef(map_iri(old))))
    return triples


def moved_subjects(graph: rdflib.Graph) -> list[str]:
    """Every IRI of the graph (subject or object) that moves, in a stable order."""
    found = set()
    for s, _, o in graph:
        for term in (s, o):
            iri = str(term)
            if isinstance(term, rdflib.URIRef) and iri.startswith(ID_BASE) and map_iri(iri) != iri:
                found.add(iri)
    return sorted(found, key=lambda iri: (list(ROOTS.values()).index(ROOTS[root_of(iri)]), iri))


def root_of(iri: str) -> str:
    return next(
        r for r in sorted(ROOTS, key=len, reverse=True) if iri == r or iri.startswith(r + "/")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT / "data" / "ttl"))
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on changes")
    args = parser.parse_args()
    data = Path(args.data)
    profile_dir = data / PROFILE
    moved_path = profile_dir / "moved.ttl"
    before_files = {p: p.read_text(encoding="utf-8") for p in sorted(data.glob("*/*.ttl"))}
    before = parse_graph({p: t for p, t in before_files.items() if p != moved_path})
    already = (
        {
            (str(s), str(o))
            for s, o in parse_graph({moved_path: before_files[moved_path]}).subject_objects(
                rdflib.OWL.sameAs
            )
        }
        if moved_path in before_files
        else set()
    )

    after: dict[Path, str] = {}
    moving: dict[tuple[str, str], list[Moved]] = defaultdict(list)
    for path in sorted(profile_dir.glob("*.ttl")):
        if path == moved_path:
            continue
        items, moved = move_file(path)
        after[path] = prefixed(render(items))
        for level, entries in moved.items():
            moving[(level, path.name)].extend(entries)
    for path in before_files:
        if path.parent != profile_dir:  # a shared level's own files: references and prefixes
            items = read_items(path)
            for item in items:
                if item.kind == "statement":
                    item.text = add_jurisdiction(rewrite(item.text))
            after[path] = prefixed(render(items).rstrip("\n") + "\n")
    for (level, name), entries in sorted(moving.items()):
        path = data / level / name
        existing = after.get(path, before_files.get(path))
        after[path] = shared_file(level, name, entries, existing)

    # moved.ttl: every IRI that moved, now or in an earlier run
    pairs = dict(already)
    for old in moved_subjects(before):
        pairs[old] = map_iri(old)
    lines = [
        turtle_prefixes(),
        "\n# The IRIs the federal and international entities of this profile had before they\n"
        '# moved to the shared levels (scripts/move_shared.py; docs/model.md, "Jurisdictions"):\n'
        "# each is the same resource as its new IRI. `govgraph describe` and every entity\n"
        "# parameter accept the old IRI or CURIE; the published site redirects the old path.\n\n",
    ]
    order = list(ROOTS.values())
    for old in sorted(pairs, key=lambda o: (order.index(ROOTS[root_of(o)]), o)):
        lines.append(f"{write_iri(old)} owl:sameAs {write_iri(pairs[old])} .\n")
    after[moved_path] = "".join(lines)

    # checks: the same graph, IRIs mapped, plus jurisdictions and sameAs
    result = parse_graph(after)
    want = expected(before) | {
        (rdflib.URIRef(o), rdflib.OWL.sameAs, rdflib.URIRef(n)) for o, n in already
    }
    have = set(result)
    if have != want:
        for triple in sorted(want - have)[:20]:
            print("missing:", *triple)
        for triple in sorted(have - want)[:20]:
            print("extra:  ", *triple)
        return 2
    for path, text in after.items():
        level = path.parent.name
        graph = rdflib.Graph().parse(data=text, format="turtle")
        for s, p, o in graph:
            if (
                level != PROFILE
                and isinstance(o, rdflib.URIRef)
                and jurisdiction_of(str(o)) == PROFILE
            ):
                print(f"{path}: {s} {p} {o} points into the profile")
                return 2
            if p == rdflib.RDF.type and jurisdiction_of(str(s)) not in (level, None):
                print(f"{path}: {s} is typed in the folder of another jurisdiction")
                return 2

    changed = [p for p, t in after.items() if before_files.get(p) != t]
    for path in changed:
        print(f"{'would change' if args.check else 'wrote'} {path.relative_to(data.parent)}")
    if args.check:
        return 1 if changed else 0
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(after[path], encoding="utf-8")
    moved_count = defaultdict(int)
    for old, new in pairs.items():
        if old in ROOTS:
            moved_count[jurisdiction_of(new)] += 1
    print(
        f"{len(before)} triples before, {len(result)} after; entities moved: "
        + ", ".join(f"{n} to {lvl}/" for lvl, n in sorted(moved_count.items()))
        + f"; {len(pairs)} IRIs in moved.ttl"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
