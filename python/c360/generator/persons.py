"""The true population: persons grouped into households, with twins, name changes and moves."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler

from c360.generator.vocab import (
    CITY_STEMS,
    CITY_SUFFIXES,
    FOREIGN_PLACES,
    FOREIGN_STREETS,
    STREET_NAMES,
    STREET_SUFFIXES,
    UNIT_FORMS,
    US_STATES,
    Locale,
    Weighted,
    locales,
)

_NAMER = NickNamer()


@dataclass(frozen=True)
class PopulationRates:
    """Person-level rates of the traps a Customer 360 must survive."""

    household_sizes: tuple[float, ...] = (0.52, 0.26, 0.12, 0.07, 0.03)  # P(size = 1..5)
    household_shares_surname: float = 0.85
    household_has_landline: float = 0.35
    household_family_email: float = 0.12  # of multi-person households: two members share one email
    twins_per_household: float = 0.04  # of multi-person households: two members are twins
    name_change: float = 0.05  # surname changed at some date (older records keep the former one)
    move: float = 0.12  # moved at some date (older records keep the previous address)
    has_work_email: float = 0.25
    has_mobile: float = 0.85
    foreign: float = 0.12  # lives outside the US
    accented_name: float = 0.30  # of foreign persons in FR/DE/ES: name carries diacritics (by vocabulary)


@dataclass(frozen=True)
class Address:
    """A postal address in canonical form; formatting noise is added per record."""

    number: str
    street: str  # street name without suffix for US addresses, the full street elsewhere
    suffix: str | None  # full suffix word ("Street") for US/CA, None elsewhere
    unit: str | None
    city: str
    state: str | None
    postal_code: str
    country: str


@dataclass(frozen=True)
class Person:
    """One real person: the truth every source record of theirs is generated from."""

    person_id: str
    household_id: str
    sex: str
    first_name: str
    last_name: str
    former_last_name: str | None
    name_changed_at: datetime | None
    birth_date: date
    email: str | None
    work_email: str | None
    family_email: str | None
    mobile: tuple[str, str] | None  # (country code, national number)
    landline: tuple[str, str] | None
    address: Address
    previous_address: Address | None
    moved_at: datetime | None
    twin_group_id: str | None
    first_seen_at: datetime


def _pick(rng: random.Random, weighted: Weighted) -> str:
    return rng.choices(weighted.values, cum_weights=weighted.cum_weights, k=1)[0]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _postal_from_pattern(rng: random.Random, pattern: str) -> str:
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(rng.choice("0123456789"))
        elif ch == "@":
            out.append(rng.choice("ABDEFGHJLNPQRSTUWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def make_address(rng: random.Random, country: str) -> Address:
    """A random, well-formed address in `country`."""
    if country in ("US", "CA"):
        state, big_city, lo, hi = rng.choice(US_STATES)
        city = big_city if rng.random() < 0.3 else rng.choice(CITY_STEMS) + rng.choice(CITY_SUFFIXES)
        if country == "CA":
            state, city = rng.choice((("ON", "Toronto"), ("BC", "Vancouver"), ("QC", "Montréal")))
            postal = _postal_from_pattern(rng, "@#@ #@#")
        else:
            postal = f"{rng.randint(lo, hi):03d}{rng.randint(0, 99):02d}"
        suffix = rng.choice(STREET_SUFFIXES)[0]
        unit = rng.choice(UNIT_FORMS).format(n=rng.randint(1, 40)) if rng.random() < 0.2 else None
        return Address(str(rng.randint(1, 9999)), rng.choice(STREET_NAMES), suffix, unit, city, state, postal, country)
    city, pattern = rng.choice(FOREIGN_PLACES[country])
    street = rng.choice(FOREIGN_STREETS[country])
    return Address(
        str(rng.randint(1, 200)), street, None, None, city, None, _postal_from_pattern(rng, pattern), country
    )


def _email_local(rng: random.Random, first: str, last: str, birth_year: int) -> str:
    f, l_ = _ascii_lower(first), _ascii_lower(last)
    style = rng.random()
    if style < 0.35:
        return f"{f}.{l_}"
    if style < 0.55:
        return f"{f}{l_}"
    if style < 0.70:
        return f"{f[0]}{l_}"
    if style < 0.80:
        return f"{f}_{l_}"
    if style < 0.92:
        return f"{f}{l_}{birth_year % 100:02d}"
    return f"{f}.{l_}{rng.randint(1, 999)}"


_FOLD = str.maketrans(
    "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝß",
    "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYs",
)


def fold_accents(text: str) -> str:
    """Drop diacritics the way many legacy systems do on export."""
    return text.translate(_FOLD)


def _ascii_lower(text: str) -> str:
    return "".join(ch for ch in fold_accents(text).lower() if ch.isalnum())


class EmailRegistry:
    """Hands out email addresses that no two unrelated persons share, as the provider sees them
    (Gmail ignores dots in the mailbox name, so jo.smith and josmith are one mailbox there)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    @staticmethod
    def _mailbox(local: str, domain: str) -> str:
        return f"{local.replace('.', '') if domain == 'gmail.com' else local}@{domain}"

    def claim(self, rng: random.Random, local: str, domain: str) -> str:
        candidate = local
        while self._mailbox(candidate, domain) in self._taken:
            candidate = f"{local}{rng.randint(1, 9999)}"
        self._taken.add(self._mailbox(candidate, domain))
        return f"{candidate}@{domain}"


def _phone(rng: random.Random, loc: Locale) -> tuple[str, str]:
    if loc.phone_country_code == "1":
        national = f"{rng.randint(201, 989)}{rng.randint(200, 999)}{_digits(rng, 4)}"
    elif loc.country == "GB":
        national = "7" + _digits(rng, 9)
    elif loc.country == "DE":
        national = "15" + _digits(rng, 9)
    else:
        national = rng.choice("67") + _digits(rng, 8)
    return loc.phone_country_code, national


def generate_population(
    n_persons: int, rng: random.Random, as_of: datetime, rates: PopulationRates | None = None
) -> list[Person]:
    """Draw `n_persons` persons in households, deterministically for the state of `rng`."""
    rates = rates or PopulationRates()
    locs = locales()
    emails = EmailRegistry()
    start = datetime(2019, 1, 1, tzinfo=as_of.tzinfo)
    span_s = int((as_of - start).total_seconds())
    sizes = list(range(1, len(rates.household_sizes) + 1))
    persons: list[Person] = []
    household_no = 0
    while len(persons) < n_persons:
        household_no += 1
        household_id = f"H{household_no:07d}"
        size = min(rng.choices(sizes, weights=rates.household_sizes)[0], n_persons - len(persons))
        country = _draw_country(rng, rates)
        loc = locs[country]
        address = make_address(rng, country)
        surname = _pick(rng, loc.last_names)
        landline = _phone(rng, loc) if rng.random() < rates.household_has_landline else None
        family_email = None
        if size > 1 and rng.random() < rates.household_family_email:
            family_email = emails.claim(rng, f"the{_ascii_lower(surname)}s", rng.choice(loc.email_domains))
        twins = size > 1 and rng.random() < rates.twins_per_household
        twin_birth = _birth_date(rng, 18, 70)
        for member in range(size):
            persons.append(
                _make_person(
                    rng=rng,
                    rates=rates,
                    loc=loc,
                    emails=emails,
                    person_id=f"P{len(persons) + 1:07d}",
                    household_id=household_id,
                    surname=surname if member == 0 or rng.random() < rates.household_shares_surname else None,
                    address=address,
                    landline=landline,
                    family_email=family_email if member < 2 else None,
                    twin=(twin_birth, f"T{household_no:07d}") if twins and member < 2 else None,
                    first_seen_at=start + timedelta(seconds=rng.randrange(span_s)),
                    as_of=as_of,
                    taken_first=persons[-1].first_name if twins and member == 1 else None,
                )
            )
    return persons


def _draw_country(rng: random.Random, rates: PopulationRates) -> str:
    if rng.random() >= rates.foreign:
        return "US"
    return rng.choice(("CA", "GB", "DE", "FR", "ES", "CA", "GB"))


def _birth_date(rng: random.Random, min_age: int, max_age: int) -> date:
    year = 2026 - rng.randint(min_age, max_age)
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _make_person(
    *,
    rng: random.Random,
    rates: PopulationRates,
    loc: Locale,
    emails: EmailRegistry,
    person_id: str,
    household_id: str,
    surname: str | None,
    address: Address,
    landline: tuple[str, str] | None,
    family_email: str | None,
    twin: tuple[date, str] | None,
    first_seen_at: datetime,
    as_of: datetime,
    taken_first: str | None,
) -> Person:
    sex = rng.choice("FM")
    names = loc.first_names_female if sex == "F" else loc.first_names_male
    first = _pick(rng, names)
    while taken_first is not None and _same_given_name(first, taken_first):
        first = _pick(rng, names)
    last = surname or _pick(rng, loc.last_names)
    birth = twin[0] if twin else _birth_date(rng, 18, 85)
    former_last, changed_at = None, None
    if rng.random() < rates.name_change:
        former_last = _pick(rng, loc.last_names)
        changed_at = first_seen_at + (as_of - first_seen_at) * rng.uniform(0.2, 0.8)
    previous, moved_at = None, None
    if rng.random() < rates.move:
        previous = make_address(rng, address.country)
        moved_at = first_seen_at + (as_of - first_seen_at) * rng.uniform(0.2, 0.8)
    email_last = former_last or last
    email = emails.claim(rng, _email_local(rng, first, email_last, birth.year), rng.choice(loc.email_domains))
    work_email = None
    if rng.random() < rates.has_work_email:
        work_email = emails.claim(rng, f"{_ascii_lower(first)}.{_ascii_lower(last)}", f"{_company_domain(rng)}")
    return Person(
        person_id=person_id,
        household_id=household_id,
        sex=sex,
        first_name=first,
        last_name=last,
        former_last_name=former_last,
        name_changed_at=changed_at,
        birth_date=birth,
        email=email,
        work_email=work_email,
        family_email=family_email,
        mobile=_phone(rng, loc) if rng.random() < rates.has_mobile else None,
        landline=landline,
        address=address,
        previous_address=previous,
        moved_at=moved_at,
        twin_group_id=twin[1] if twin else None,
        first_seen_at=first_seen_at,
    )


def _same_given_name(a: str, b: str) -> bool:
    """Whether two given names would be taken for one (equal, nickname-related or near-identical spelling):
    twins get clearly different names."""
    a, b = a.lower(), b.lower()
    if a == b or JaroWinkler.similarity(a, b) >= 0.85:
        return True
    related = _NAMER.nicknames_of(a) | _NAMER.canonicals_of(a)
    return b in related or bool(related & (_NAMER.nicknames_of(b) | _NAMER.canonicals_of(b)))


def _company_domain(rng: random.Random) -> str:
    return f"{rng.choice(STREET_NAMES).lower()}{rng.choice(('corp', 'labs', 'group', 'inc', 'co'))}.com"
