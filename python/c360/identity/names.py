"""Name knowledge: nickname aliases (the curated `nicknames` dataset), other spellings of a name, first names
(Faker's lists of nine locales) and name compatibility (Jaro-Winkler from `rapidfuzz`)."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from nicknames import NickNamer
from rapidfuzz.distance import DamerauLevenshtein, Indel, JaroWinkler

_NAMER = NickNamer()

# Comparisons of names are pure and repeat across a file's records (one name against its cluster's, its
# shared email's carriers'): remembered, up to this many each (a few tens of MiB at most).
NAME_CACHE_SIZE = 1 << 18


# How much longer than its full name a nickname may be ("johnny" for john).
NICKNAME_EXTRA_LETTERS = 2


def _nicknames(name: str) -> set[str]:
    return {nick for nick in _NAMER.nicknames_of(name) if len(nick) <= len(name) + NICKNAME_EXTRA_LETTERS}


# Latin spellings of one name written in a script without short vowels (Arabic) or with sounds Latin letters
# spell in several ways (Cyrillic), whose spellings are too far apart for Jaro-Winkler (omar / umar,
# mohamed / muhammad). Names that share their consonants but are different names stay apart: hassan and
# hussein, mohamed and mahmoud, omar and amr.
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    (
        "muhammad",
        "mohammad",
        "mohammed",
        "mohamed",
        "muhammed",
        "mohamad",
        "muhamad",
        "mohamet",
        "mehmet",
        "mohd",
        "md",
    ),
    ("ahmad", "ahmed", "achmed", "ahmet"),
    ("hassan", "hasan", "hassen"),
    ("hussein", "hussain", "husain", "husayn", "husein", "hossein", "hosein", "huseyin"),
    ("khalid", "khaled", "halid"),
    ("yusuf", "yousef", "youssef", "yousif", "yusef", "yousuf", "youssif", "youcef"),
    ("umar", "omar", "omer"),
    ("uthman", "othman", "osman", "usman"),
    ("abdullah", "abdallah", "abdulla", "abdalla"),
    ("abdulrahman", "abdelrahman", "abdul rahman", "abdel rahman", "abderrahmane", "abdurrahman"),
    ("abdulaziz", "abdelaziz", "abdul aziz", "abdel aziz"),
    ("mustafa", "mostafa", "moustafa", "mustapha"),
    ("mahmoud", "mahmud", "mahmood"),
    ("ibrahim", "ebrahim", "ibraheem"),
    ("ismail", "ismael", "esmail"),
    ("tariq", "tarek", "tarik", "tareq"),
    ("karim", "kareem"),
    ("rashid", "rasheed", "rachid"),
    ("said", "saeed", "sayed", "saied", "sayeed"),
    ("walid", "waleed"),
    ("jamal", "gamal"),
    ("nour", "noor", "nur"),
    ("osama", "usama", "oussama"),
    ("yahya", "yahia"),
    ("zakaria", "zakariya", "zakariyya", "zakariyah"),
    ("sulaiman", "suleiman", "sulayman", "soliman", "sleiman"),
    ("hisham", "hesham"),
    ("faisal", "faysal", "feisal"),
    ("fatima", "fatimah", "fatma"),
    ("aisha", "aishah", "ayesha", "aysha", "aicha"),
    ("khadija", "khadijah"),
    ("zainab", "zaynab", "zeinab"),
    ("layla", "leila", "laila", "leyla"),
    ("mariam", "maryam", "meryem"),
    ("yasmin", "yasmine", "yasmeen"),
    ("aleksandr", "alexandr", "aleksander"),
    ("aleksei", "alexei", "alexey", "aleksey"),
    ("sergei", "sergey", "serguei"),
    ("dmitri", "dmitry", "dmitriy"),
    ("yuri", "yury", "iouri", "jurij"),
    ("andrei", "andrey"),
    ("nikolai", "nikolay"),
    ("yevgeny", "evgeny", "evgeniy", "yevgeniy"),
    ("natalia", "natalya", "nataliya"),
    ("tatiana", "tatyana"),
    ("ksenia", "kseniya", "xenia"),
)
_SPELLINGS = {spelling: group for group in TRANSLITERATIONS for spelling in group}


# The everyday short forms of German, Dutch, Spanish, Portuguese, Italian and Slavic first names, which the `nicknames`
# dataset (English names) does not know: a Johannes is called Hans, a Willem Wim, a José Pepe. Each group is one
# name; a short form of several names (Beto for Alberto, Roberto, Humberto) is in none.
SHORT_FORMS: tuple[tuple[str, ...], ...] = (
    ("johannes", "johann", "hans", "hannes"),
    ("friedrich", "fritz"),
    ("katharina", "katja", "kathi"),
    ("elisabeth", "elli", "liesel", "lisbeth"),
    ("margarete", "margarethe", "grete", "gretel"),
    ("josef", "sepp", "jupp"),
    ("wilhelm", "willi"),
    ("heinrich", "heinz", "heiner"),
    ("ulrich", "uli", "ulli"),
    ("gertrud", "trude", "gerti"),
    ("hildegard", "hilde"),
    ("wolfgang", "wolf"),
    ("magdalena", "magda"),
    ("theresia", "resi"),
    ("bernhard", "bernd"),
    ("konrad", "kurt"),
    ("nikolaus", "klaus"),
    ("siegfried", "siggi"),
    ("sebastian", "basti"),
    ("franziska", "franzi"),
    ("willem", "wim"),
    ("hendrik", "henk"),
    ("cornelis", "kees"),
    ("pieter", "piet"),
    # Spanish, Portuguese and Italian: a José is called Pepe, a Francisco Paco or Chico, a Guadalupe Lupita
    ("jose", "pepe", "pepito", "chepe", "ze"),
    ("josefa", "pepa", "pepita"),
    ("francisco", "paco", "pancho", "curro", "paquito", "chico"),
    ("francisca", "paca", "paquita", "pancha"),
    ("guadalupe", "lupe", "lupita"),
    ("jesus", "chucho", "chuy", "chus"),
    ("ignacio", "nacho"),
    ("concepcion", "concha", "conchita", "conchi"),
    ("guillermo", "memo"),
    ("eduardo", "lalo"),
    ("antonio", "tono", "tonho", "toni"),
    ("jorge", "coque"),
    ("ricardo", "richi"),
    ("gerardo", "jerry"),
    ("veronica", "vero"),
    ("gabriela", "gaby"),
    ("enrique", "quique", "kike"),
    ("dolores", "lola", "lolita", "loli"),
    ("rosario", "charo"),
    ("consuelo", "chelo"),
    ("pilar", "pili"),
    ("fernando", "nando"),
    ("rafael", "rafa"),
    ("manuel", "manolo", "manolito"),
    ("carmen", "mamen", "maricarmen"),
    ("maria teresa", "maite"),
    ("mercedes", "merche", "meche"),
    ("teresa", "tere"),
    ("luis", "lucho"),
    ("gregorio", "goyo"),
    ("vicente", "chente"),
    ("alfonso", "poncho"),
    ("ramon", "moncho"),
    ("santiago", "santi"),
    ("gabriel", "gabo"),
    ("federico", "fede"),
    ("patricio", "pato"),
    ("rodrigo", "rodri"),
    ("trinidad", "trini"),
    ("inmaculada", "inma"),
    ("macarena", "maca"),
    ("encarnacion", "encarna"),
    ("purificacion", "puri"),
    ("remedios", "reme"),
    ("soledad", "sole"),
    ("montserrat", "montse"),
    ("isabel", "chabela"),
    ("alejandro", "alejo", "jandro", "alex"),
    ("salvador", "chava"),
    ("jose maria", "chema"),
    ("juan carlos", "juanca"),
    ("maria jose", "majo", "cote"),
    ("maria fernanda", "marifer", "mafer"),
    ("maria", "mari", "ma"),
    ("sebastiao", "tiao"),
    ("giuseppe", "beppe", "peppe", "peppino"),
    ("giovanni", "gianni"),
    ("alessandro", "sandro"),
    ("salvatore", "toto", "turi"),
    ("domenico", "mimmo"),
    ("luigi", "gigi"),
    ("francesco", "checco"),
    # Russian, Ukrainian, Polish and Czech (Cyrillic as fold_letters writes it in Latin letters: Лёша is lesha)
    ("dmitry", "dmitri", "dmitriy", "dima", "mitya"),
    ("mikhail", "mykhailo", "misha"),
    ("nikolai", "nikolay", "mykola", "kolya"),
    ("vladimir", "volodymyr", "volodya", "vova"),
    ("aleksei", "alexei", "alexey", "aleksey", "oleksiy", "oleksii", "lyosha", "alyosha", "lesha", "alesha"),
    ("sergei", "sergey", "serhiy", "serhii", "seryozha", "serezha"),
    ("ivan", "vanya"),
    ("pavel", "pavlo", "pasha"),
    ("yekaterina", "ekaterina", "kateryna", "katya"),
    ("natalia", "natalya", "nataliya", "natasha"),
    ("tatiana", "tatyana", "tetiana", "tanya"),
    ("yelena", "elena", "olena", "lena"),
    ("olga", "olha", "olya"),
    ("svetlana", "sveta"),
    ("andrei", "andrey", "andriy", "andrii", "andryusha"),
    ("katarzyna", "kasia"),
    ("malgorzata", "gosia", "malgosia"),
    ("wojciech", "wojtek"),
    ("jan", "honza"),
    ("jiri", "jirka"),
)
_SHORT_FORMS = {form: group for group in SHORT_FORMS for form in group}


# Sounds that romanizations of Indian (and other) names spell several ways: th / t (anitha / anita), ee / i
# (preeti / priti), oo / u (pooja / puja), ck / k (karthick / karthik), ksh / x (lakshmi / laxmi), w / v (rizwan
# / rizvan); a final y / i (lakshmy) too. The spelling with the short form is an alias of the long one.
ROMANIZATIONS: tuple[tuple[str, str], ...] = (
    ("ksh", "x"),
    ("th", "t"),
    ("ee", "i"),
    ("oo", "u"),
    ("ck", "k"),
    ("w", "v"),
)
ROMANIZED_MIN_LENGTH = 4


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _romanized_otherwise(name: str) -> frozenset[str]:
    """The name with any of `ROMANIZATIONS` written short (each everywhere in the name), and a final y as i;
    not a spelling that turns it into a name of the other sex (colleen is not collin)."""
    if len(name) < ROMANIZED_MIN_LENGTH:
        return frozenset()
    spellings = {name}
    for long, short in ROMANIZATIONS:
        spellings |= {spelling.replace(long, short) for spelling in spellings}
    spellings |= {spelling[:-1] + "i" for spelling in spellings if spelling.endswith("y")}
    return frozenset(spelling for spelling in spellings - {name} if not sexes_differ(name, spelling))


# Initials one name is spelled with either way: catherine / katherine, carl / karl, cristina / kristina.
INITIAL_SPELLINGS = {"c": "k", "k": "c"}


def _initial_spelled_otherwise(name: str) -> set[str]:
    """The nickname forms of the name spelled with its other initial, where the nickname table knows that
    spelling: "catherine" has "kate" through "katherine" (the table lists kate for katherine only)."""
    other = INITIAL_SPELLINGS.get(name[:1])
    if not other:
        return set()
    respelled = other + name[1:]
    forms = nickname_forms(respelled)
    return set(forms) if len(forms) > 1 else set()


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _umlaut_spelled_out(name: str) -> str:
    """German writes ä, ö and ü as ae, oe and ue where they cannot be typed, and `normalize_name` folds them
    to a, o and u: "kaethe" is "käthe", folded "kathe". Only inside a name ("joe" is not "jo")."""
    return re.sub(r"([aou])e(?=[a-z])", r"\1", name)


def _name_parts(first_name: str) -> list[str]:
    """The words of a first name ("hans adolf", "mary-jane")."""
    return [part for part in re.split(r"[\W\d_]+", first_name) if part]  # any script's letters


@cache
def aliases(first_name: str) -> tuple[str, ...]:
    """The name itself, its nicknames, its full forms and their nicknames (`nickname_forms`), and its other
    Latin spellings (`TRANSLITERATIONS`, an umlaut spelled out, the other initial of c / k with that
    spelling's nickname forms, the short spellings of `ROMANIZATIONS`), sorted; for a first name of several
    words, also the first word's aliases, its first words apart or joined (`_runs_of`), the name with its
    first word in another form of `SHORT_FORMS`
    ("pepe luis" / "jose luis"), and after María or Muhammad the next name's (`MARIAN_FIRST_WORDS`,
    `MUHAMMAD`). One name in another's aliases may be the same person's (william / bill, bill / will);
    sharing only an alias is not enough (eric and richard are both "rick", and are different names)."""
    name = first_name.strip().lower()
    if not name:
        return ()
    found = set(nickname_forms(name)) | set(_SPELLINGS.get(name, ())) | {_umlaut_spelled_out(name)}
    found |= _initial_spelled_otherwise(name) | _romanized_otherwise(name)
    parts = _name_parts(name)
    if len(parts) > 1:
        found |= set(aliases(parts[0]))  # a middle name typed with the first: "mary ann" is also "mary"
        found |= _runs_of(parts)  # "ying hua jennifer" is "yinghua"
        found |= _name_called_by(parts)  # "sze kai karen" is "karen"
        # the first word called by its short form, or written out: "pepe luis" is "jose luis"
        found |= {" ".join([form, *parts[1:]]) for form in _SHORT_FORMS.get(parts[0], ())}
    if len(parts) > 1 and parts[0] in MARIAN_FIRST_WORDS:
        called = [part for part in parts[1:] if part not in NAME_PARTICLES]
        if called and called[0] not in _sexed_first_names()[0]:
            found |= set(aliases(called[0]))
    if len(parts) > 1 and parts[0] in _SPELLINGS.get(MUHAMMAD, ()):
        found |= set(aliases(parts[1]))
    return tuple(sorted(found))


def _runs_of(parts: list[str]) -> set[str]:
    """The forms of a first name of several words that begin with its first word, apart or joined: "ying
    hua jennifer" is also "ying hua" and "yinghua", "ming-hoi" "minghoi", "abdul rahman" "abdulrahman". A
    later word alone is not the same name: in "ahmed majed" it is the father's name (Arab naming), in
    "john michael" a middle name a father and his son may share."""
    runs = [parts[:end] for end in range(2, len(parts) + 1)]  # the first word alone is in aliases already
    return {form for run in runs for form in (" ".join(run), "".join(run))}


# One syllable of a Chinese, Korean or Vietnamese given name in Latin letters ("sze", "kai", "wai", "hye",
# "jin", "thi", "van"): up to three consonants, one to three vowels, and an ending consonant that these
# languages end a syllable in.
EAST_ASIAN_SYLLABLE = re.compile(r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|k|p|t|h)?")


def _name_called_by(parts: list[str]) -> set[str]:
    """A Western given name (`_first_names`) typed after East Asian given names written syllable by
    syllable is the name the person goes by: Hong Kong, Singapore and Malaysian Chinese write "sze kai
    karen" or "yuk man jenny" beside "karen" and "jenny". Not after other given names: in "rania hamza" or
    "ahmed majed" the second name is the father's (Arab naming), in "john michael" a middle name a father
    and his son may share."""
    *given, called = parts
    known = _first_names()
    east_asian = all(EAST_ASIAN_SYLLABLE.fullmatch(part) for part in given) and given[0] not in known
    return {called} if east_asian and called in known else set()


# A María Guadalupe, María del Carmen or "Ma. Luisa" is called by her second name (not a María José by José).
MARIAN_FIRST_WORDS = ("maria", "ma", "mari")
# In South Asia a Muslim man's first name often begins with Muhammad (written Mohd or Md too), a name he is not
# called by: "Mohammed Irfan" is Irfan. (Arab naming puts the father's name second: "Mohammed Ali" beside an
# "Ali" of one family may be his father, whom a birth date or a contact of his own tells apart.)
MUHAMMAD = "muhammad"
NAME_PARTICLES = ("de", "del", "la", "las", "los")


@cache
def nickname_forms(first_name: str) -> frozenset[str]:
    """The name itself, its nicknames, its full forms and their nicknames (and its short or full forms in the
    languages of `SHORT_FORMS`); for a first name of several words, also the first word's.

    The `nicknames` dataset lists relations both ways and some loosely (william as a "nickname" of bill,
    bill of robert, vicki of victor), so a full form must be at least as long as the name and a nickname at
    most a little longer than its full name; otherwise william would reach robert through "bill", and
    caroline charlotte through "chuck"."""
    name = first_name.strip().lower()
    full_forms = {canonical for canonical in _NAMER.canonicals_of(name) if len(canonical) >= len(name)}
    found = {name} | _nicknames(name) | full_forms | set(_SHORT_FORMS.get(name, ()))
    for canonical in full_forms:
        found |= _nicknames(canonical)
    parts = _name_parts(name)
    if len(parts) > 1:
        found |= nickname_forms(parts[0])
    return frozenset(found)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def first_names_compatible(a: str, b: str, min_similarity: float) -> bool:
    """Whether two normalized first names could be the same person's: equal, one among the other's
    nickname aliases or one typo away from one of them, similar (a typo), or one an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a in aliases(b) or b in aliases(a):
        return True
    if sexes_differ(a, b):
        return False  # "juana" is no typo of "juan", nor "megan" a short form of "michael": siblings, twins
    if _typo_of_alias(a, b) or _typo_of_alias(b, a):
        return True  # a mistyped nickname: "mkiey" / michael, "joqnny" / jonathan
    if _diminutive_of(a, b) or _diminutive_of(b, a):
        return True  # a short form the nickname table does not know: "susi" / susanne, "matze" / matthias
    if _lengthened_diminutive_of(a, b) or _lengthened_diminutive_of(b, a):
        return True  # "anita" / ana, "carlitos" / carlos
    if min(len(a), len(b)) >= 2 and Indel.distance(a, b) == 1:
        return True  # one letter dropped or added: "ay" / "amy" (Jaro-Winkler is harsh on short names)
    return JaroWinkler.similarity(a, b) >= min_similarity


# The endings of short forms made from the beginning of a name: German "susi", "andi", "matze", English
# "jessi", "christy". Not "-e": full names end in it too ("jane" / janet, "louie" / louise).
DIMINUTIVE_ENDINGS = ("ie", "i", "y", "ze")
DIMINUTIVE_MIN_STEM = 3


def _diminutive_of(short: str, name: str) -> bool:
    """`short` is a diminutive of `name`: shorter, with a diminutive ending after a stem of at least three
    letters that `name` begins with (a doubled last letter of the stem may be single in the name: "steffi" /
    stefanie)."""
    if len(short) >= len(name):
        return False
    for ending in DIMINUTIVE_ENDINGS:
        stem = short.removesuffix(ending)
        if stem == short or len(stem) < DIMINUTIVE_MIN_STEM:
            continue
        stems = {stem, stem[:-1]} if stem[-1] == stem[-2] else {stem}
        if any(len(form) >= DIMINUTIVE_MIN_STEM and name.startswith(form) and name != form for form in stems):
            return True
    return False


# Spanish and Portuguese diminutives lengthen a name: Ana is Anita, Juan Juanito, Carlos Carlitos, Lupe Lupita.
LENGTHENING_ENDINGS = ("ita", "ito", "itos", "inha", "inho")
# What the name ends with after the diminutive's stem ("an" + "a", "carl" + "os", "lup" + "e").
NAME_ENDINGS_AFTER_STEM = ("", "a", "o", "e", "os")


def _lengthened_diminutive_of(short: str, name: str) -> bool:
    """`short` is a Spanish or Portuguese diminutive of `name`'s first word: its stem, then "-ita", "-ito",
    "-inha" or "-inho", where the name is that stem with at most its last vowel or "-os" ("anita" / ana maria,
    "carlitos" / carlos, "ronaldinho" / ronaldo)."""
    words = _name_parts(name)
    if not words or " " in short:
        return False
    for ending in LENGTHENING_ENDINGS:
        stem = short.removesuffix(ending)
        if stem != short and len(stem) >= 2 and words[0] in {stem + tail for tail in NAME_ENDINGS_AFTER_STEM}:
            return True
    return False


TYPO_MIN_LENGTH = 5


def _typo_of_alias(name: str, other: str) -> bool:
    """`other` is no known name, but one typo away from a nickname of `name`. A known name such as "mick" is
    never read as a typo ("mick" / "rick" would make michael and eric one person). Short names are too close
    to each other for any typo (jose / rose, dawn / dani), so there only a dropped letter or two adjacent
    letters swapped count, keeping the first letter ("pggy" / peggy, "rno" / ron, "dvae" / dave)."""
    if set(aliases(other)) - {other, _umlaut_spelled_out(other)} - _romanized_otherwise(other):
        return False  # a known name (its nicknames, full forms or other spellings)
    forms = nickname_forms(name)  # not its other spellings: "hamad" is a name of its own, not a typo of ahmad
    if len(other) >= TYPO_MIN_LENGTH:
        return any(len(form) >= TYPO_MIN_LENGTH and DamerauLevenshtein.distance(other, form) <= 1 for form in forms)
    return any(_slip_of(other, form) for form in forms if len(form) >= SLIP_MIN_LENGTH)


SLIP_MIN_LENGTH = 3


def _slip_of(typed: str, name: str) -> bool:
    """`typed` is `name` with one letter dropped or two adjacent letters swapped, its first letter kept."""
    if typed[:1] != name[:1]:
        return False
    if len(typed) == len(name) - 1:
        return any(name[:i] + name[i + 1 :] == typed for i in range(1, len(name)))
    if len(typed) == len(name):
        return any(name[:i] + name[i + 1] + name[i] + name[i + 2 :] == typed for i in range(1, len(name) - 1))
    return False


SURNAME_SIMILARITY = 0.92


def similar_surnames(a: str, b: str) -> bool:
    """Equal, one typo apart (Jaro-Winkler), or one a word of the other: a double surname given whole in one
    record and in part in another ("garcia lopez" / "lopez"; the same rule as `model.SIMILAR_SURNAME`)."""
    return a == b or JaroWinkler.similarity(a, b) >= SURNAME_SIMILARITY or a in b.split(" ") or b in a.split(" ")


def related_surnames(a: str, b: str) -> bool:
    """Similar surnames (`similar_surnames`), or one typo apart however short ("jonis" / "jones")."""
    return similar_surnames(a, b) or DamerauLevenshtein.distance(a, b) <= 1


def person_names_compatible(
    first_a: str, last_a: str | None, first_b: str, last_b: str | None, min_similarity: float
) -> bool:
    """Whether two (first, last) names could be one person's: compatible first names, or the first and
    last names swapped in one record (each side compatible; a missing surname does not contradict)."""
    if first_names_compatible(first_a, first_b, min_similarity):
        return True
    return _swapped(first_a, last_a, first_b, last_b, min_similarity) or _swapped(
        first_b, last_b, first_a, last_a, min_similarity
    )


def _swapped(first_a: str, last_a: str | None, first_b: str, last_b: str | None, min_similarity: float) -> bool:
    """Record a has the names the other way round: its surname is b's first name, its first name b's surname."""
    if not last_a or not first_names_compatible(last_a, first_b, min_similarity):
        return False
    return not last_b or similar_surnames(first_a, last_b)


def mailbox_names(email: str, people: Iterable[tuple[str, str | None]], min_similarity: float) -> list[bool]:
    """For each (first, last) name, whether the email's mailbox names that person (`_mailbox_names`:
    "kari26@" names kari alexander, "m.murphy33@" michael murphy, "w.johnson72@" neither amelia nor gabriela
    johnson; "xyz123@" names nobody)."""
    mailbox, people = _mailbox(email), list(people)
    surnames = _surnames_in(mailbox, people)
    return [_mailbox_names(mailbox, first, _unspaced(last), min_similarity, surnames) for first, last in people]


def _mailbox(email: str) -> str:
    """The letters of an email's mailbox: "kari26@" is "kari", "m.murphy33@" "mmurphy"."""
    return "".join(ch for ch in email.split("@", 1)[0] if ch.isalpha())


def _unspaced(last_name: str | None) -> str | None:
    """A surname as a mailbox writes it: "van dyke" as in "vandykefamily@"."""
    return last_name.replace(" ", "") if last_name else None


def _written_surnames(people: Iterable[tuple[str, str | None]]) -> set[str]:
    """The people's surnames as a mailbox writes them (`_unspaced`)."""
    return {form for _, last in people if (form := _unspaced(last))}


def _surnames_in(mailbox: str, people: Iterable[tuple[str, str | None]]) -> set[str]:
    """The people's surnames (of three letters or more) that the mailbox holds, as it writes them."""
    return {form for form in _written_surnames(people) if len(form) >= 3 and form in mailbox}


# A mailbox with one of these words in it is a household's, whatever surname it is written with ("loechelfamily@"
# for a "löchel" written "lochel", a married name, a name not in the file): English, German, French, Spanish,
# Portuguese, Italian and Dutch.
FAMILY_WORDS = ("family", "familie", "famille", "familia", "famiglia", "gezin")


def email_names_a_family(email: str, names: Iterable[tuple[str, str | None]], min_similarity: float) -> bool:
    """Whether an email names a family rather than any of the people using it: its mailbox holds one of
    their surnames but no form of any of their first names ("thesmiths@", "smithfamily@" for john smith
    and for fred smith, whose initial is not alone after the surname; not "jsmith@", "smithj@", "john.s@",
    "bill.smith@" for william smith, "hansadolf.z@" for hans adolf z, nor "kelly.robinson@" for a record
    typed "keldly robinson"; nor "xyz123@", which names nobody). A record with its names swapped ("smith" /
    "john") names the family's surname as its first name: that is no first name in the mailbox. A couple's
    mailbox ("travisandjacqueline@", "anthonyanderica@") names a family too, whoever carries it."""
    mailbox, people = _mailbox(email), list(names)
    if _mailbox_names_a_couple(mailbox, min_similarity, _written_surnames(people)):
        return True
    surnames = _surnames_in(mailbox, people)
    if not surnames and not any(word in mailbox for word in FAMILY_WORDS):
        return False
    return not any(_mailbox_names(mailbox, first, _unspaced(last), min_similarity, surnames) for first, last in people)


# The words between two first names in a couple's mailbox: English and German.
COUPLE_WORDS = ("and", "und")
COUPLE_NAME_MIN_LENGTH = 3


# The locales whose first-name lists Faker carries (drawn from each country's name statistics) that tell a
# first name in a mailbox.
FIRST_NAME_LOCALES = ("en_US", "en_GB", "de_DE", "es_ES", "es_MX", "fr_FR", "it_IT", "nl_NL", "pt_BR")


@cache
def _faker_first_names(locales: tuple[str, ...], attributes: tuple[str, ...]) -> frozenset[str]:
    """Lower-case names of the given lists ("first_names", "first_names_male", "first_names_female") of
    Faker's person providers of `locales`."""
    providers = [importlib.import_module(f"faker.providers.person.{locale}").Provider for locale in locales]
    lists = (getattr(provider, key, ()) for provider in providers for key in attributes)
    return frozenset(name.lower() for names in lists for name in names)


def _first_names() -> frozenset[str]:
    """Lower-case first names of `FIRST_NAME_LOCALES` (4,106 with Faker 40.63)."""
    return _faker_first_names(FIRST_NAME_LOCALES, ("first_names", "first_names_male", "first_names_female"))


# "Mrs John Smith" is John Smith's wife in the English-speaking convention: staging takes a man's name after
# "Mrs" for her husband's, not hers. A man's name is one that these locales list for men and no locale of
# `FIRST_NAME_LOCALES` lists for women (jordan, jean, leslie are both). Written into the seed below by
# `python -m c360.identity.names`; a test checks the committed seed is what Faker gives.
MALE_NAME_LOCALES = ("en_US", "en_GB")
MALE_NAMES_SEED = Path("seeds") / "identity_male_first_names.csv"
# Men's names in those lists that women are called too, as names or short forms (Chris for Christine, Charlie
# for Charlotte, Billie, Leigh, Riley): after "Mrs" they may be her own.
SHARED_FIRST_NAMES = (
    "billy", "bobby", "cameron", "charlie", "chris", "dakota", "dale", "devon", "drew", "francis", "gene",
    "glenn", "hayden", "jesse", "lee", "leigh", "logan", "max", "riley", "ronnie", "willie",
)  # fmt: skip


def male_only_first_names() -> list[str]:
    """Lower-case first names that `MALE_NAME_LOCALES` list for men, no locale lists for women and women are
    not called by either (`SHARED_FIRST_NAMES`), sorted."""
    women = _faker_first_names(FIRST_NAME_LOCALES, ("first_names_female",)) | set(SHARED_FIRST_NAMES)
    return sorted(_faker_first_names(MALE_NAME_LOCALES, ("first_names_male",)) - women)


@cache
def _sexed_first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(men's, women's) first names: those some locale of `FIRST_NAME_LOCALES` lists for one sex and none
    for the other, and that are not `SHARED_FIRST_NAMES`."""
    men = _faker_first_names(FIRST_NAME_LOCALES, ("first_names_male",))
    women = _faker_first_names(FIRST_NAME_LOCALES, ("first_names_female",))
    return frozenset(men - women - set(SHARED_FIRST_NAMES)), frozenset(women - men - set(SHARED_FIRST_NAMES))


def same_script(a: str, b: str) -> bool:
    """Whether two normalized names are written in one script and so can be compared at all: both in Latin
    letters (as `fold_letters` writes Latin and Cyrillic names), or neither. "محمد" and "mohammed", or
    "王伟" and "wei", may be one name or two; nothing in the letters tells."""
    return a.isascii() == b.isascii()


def sexes_differ(a: str, b: str) -> bool:
    """The first word of one name is a man's and of the other a woman's (`_sexed_first_names`: "juan" /
    "juana", "alejandro" / "alejandra", "michael" / "megan", "maria jose" / "jose luis"); a name for both,
    or one no list knows, tells nothing."""
    men, women = _sexed_first_names()
    first_a, first_b = (parts[0] if (parts := _name_parts(name)) else "" for name in (a, b))
    return (first_a in men and first_b in women) or (first_a in women and first_b in men)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def sexes_conflict(a: str, b: str) -> bool:
    """Two first names that are no aliases of each other and name a man and a woman (`sexes_differ`)."""
    return a != b and a not in aliases(b) and b not in aliases(a) and sexes_differ(a, b)


def render_male_names_seed() -> str:
    """The seed's CSV text."""
    return "first_name\n" + "".join(f"{name}\n" for name in male_only_first_names())


def main(argv: list[str] | None = None) -> int:
    """Write the seed of men's first names into the project folder given (default: the current folder)."""
    project = Path(((argv if argv is not None else sys.argv[1:]) or ["."])[0])
    (project / MALE_NAMES_SEED).write_text(render_male_names_seed(), encoding="utf-8")
    return 0


def _known_first_name(name: str) -> bool:
    """A first name of at least three letters that Faker's lists or the transliterations know (not the
    nickname table's fragments, such as "olph" of rudolph, which "tonya.andolph@" would read as a name)."""
    return len(name) >= COUPLE_NAME_MIN_LENGTH and (name in _first_names() or name in _SPELLINGS)


def is_known_first_name(first_name: str) -> bool:
    """Some word of the first name is a known first name (`_known_first_name`) or in the nickname table: a
    name, not letters garbled past recognition ("aucal" for luca)."""
    return any(_known_first_name(part) or len(nickname_forms(part)) > 1 for part in _name_parts(first_name))


def _mailbox_names_a_couple(mailbox: str, min_similarity: float, surnames: set[str]) -> bool:
    """The mailbox is two different first names around "and" ("travisandjacqueline", "anthonyanderica",
    "larryandteresa", a surname after them allowed: "larryandteresahoward"), not one name that holds the
    word ("alexandra", "ferdinand", "randyandrews") nor a carrier's surname before a first name
    ("fordandrea" for andrea ford)."""
    for word in COUPLE_WORDS:
        start = mailbox.find(word, 1)
        while start > 0:
            left, right = mailbox[:start], mailbox[start + len(word) :]
            # the word in a longer first name: "alex" + "and" + "ra..." is alexandra, "nath" + "and" + "o..."
            # is nathan
            inside = any(_known_first_name(mailbox[:end]) for end in range(start + 1, len(mailbox) + 1))
            seconds = (right[:end] for end in range(len(right), COUPLE_NAME_MIN_LENGTH - 1, -1))
            second = next((name for name in seconds if _known_first_name(name)), None)
            if not inside and _known_first_name(left) and left not in surnames and second:
                if not first_names_compatible(left, second, min_similarity):
                    return True
            start = mailbox.find(word, start + 1)
    return False


def _first_name_forms(first_name: str) -> set[str]:
    """The forms a mailbox may write a first name in: its aliases, and for a name of several parts
    ("hans adolf", "mary-jane") the parts run together and each part's aliases."""
    parts = _name_parts(first_name)
    forms = set(aliases(first_name)) | {"".join(parts)}
    for part in parts:
        forms |= set(aliases(part))
    return forms


def _mailbox_names(
    mailbox: str, first_name: str, last_name: str | None, min_similarity: float, surnames: set[str]
) -> bool:
    """A mailbox names a person by a form of the first name (other than part of one of the family's `surnames`), by
    such a form or its initial alone next to the surname ("esanders@" for betty, an elizabeth; "joszymanski@"
    for jo, a form shorter than the three letters looked for elsewhere), or by
    a first name beside the surname that is compatible with the record's (one of the two mistyped)."""
    forms = {form for form in _first_name_forms(first_name) if not any(form in surname for surname in surnames)}
    if any(len(form) >= 3 and form in mailbox for form in forms):
        return True
    if last_name and last_name in mailbox:
        before, _, after = mailbox.partition(last_name)
        beside_surname = {first_name[0]} | {form[0] for form in forms} | forms  # "jo" of "joszymanski@" too
        if before in beside_surname or (not before and after in beside_surname):
            return True
        beside = before or after
        return len(beside) >= 3 and first_names_compatible(beside, "".join(_name_parts(first_name)), min_similarity)
    return False


if __name__ == "__main__":
    raise SystemExit(main())
