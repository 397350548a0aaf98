"""Vocabularies the generator draws from: names, streets, places, nicknames.

Names and street suffixes come from Faker's curated locale data (with their frequency weights); nicknames come
from the hand-curated `nicknames` dataset. Only the data tables are used: Faker's per-call generators are far
too slow for millions of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from faker.providers.person.de_DE import Provider as DePerson
from faker.providers.person.en_US import Provider as UsPerson
from faker.providers.person.es_ES import Provider as EsPerson
from faker.providers.person.fr_FR import Provider as FrPerson
from nicknames import NickNamer


@dataclass(frozen=True)
class Weighted:
    """Values with cumulative weights, ready for `random.choices(cum_weights=...)`."""

    values: tuple[str, ...]
    cum_weights: tuple[float, ...]


def _weighted(source: object) -> Weighted:
    if isinstance(source, dict):
        items = [(str(k), float(v)) for k, v in source.items()]
    else:
        items = [(str(k), 1.0) for k in source]  # type: ignore[attr-defined]
    total = 0.0
    cum: list[float] = []
    for _, weight in items:
        total += weight
        cum.append(total)
    return Weighted(tuple(k for k, _ in items), tuple(cum))


@dataclass(frozen=True)
class Locale:
    """Person vocabulary and contact conventions of one country."""

    country: str
    country_names: tuple[str, ...]
    phone_country_code: str
    first_names_female: Weighted
    first_names_male: Weighted
    last_names: Weighted
    email_domains: tuple[str, ...]


US_STATES: tuple[tuple[str, str, int, int], ...] = (
    # state, a city, first and last zip prefix (3 digits) used for that state
    ("MA", "Boston", 10, 27),
    ("NY", "New York", 100, 149),
    ("NJ", "Newark", 70, 89),
    ("PA", "Philadelphia", 150, 196),
    ("IL", "Chicago", 600, 629),
    ("TX", "Houston", 750, 799),
    ("CA", "Los Angeles", 900, 961),
    ("WA", "Seattle", 980, 994),
    ("FL", "Miami", 320, 349),
    ("GA", "Atlanta", 300, 319),
    ("OH", "Columbus", 430, 458),
    ("MI", "Detroit", 480, 499),
    ("CO", "Denver", 800, 816),
    ("AZ", "Phoenix", 850, 865),
    ("OR", "Portland", 970, 979),
)

CITY_SUFFIXES = ("ville", "ton", " Falls", " Springs", " Heights", "field", "burg", " City", "wood", " Park")
CITY_STEMS = (
    "Spring", "River", "Oak", "Maple", "Cedar", "Lake", "Fair", "Green", "Clear", "Mill", "Bright", "Stone",
    "Pine", "Elm", "West", "North", "Red", "Wood", "Glen", "Ash",
)  # fmt: skip
STREET_NAMES = (
    "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Walnut", "Sunset",
    "Lincoln", "Jackson", "Church", "Highland", "Madison", "Franklin", "Chestnut", "Willow", "Spruce", "Ridge",
    "Meadow", "River", "Forest", "Center", "Mill", "Spring", "Valley", "Jefferson", "Adams", "Union",
    "Prospect", "Cherry", "Birch", "Broad", "Front", "Grant", "Harrison", "Summit", "Warren", "Dogwood",
    "Magnolia", "Laurel", "Hickory", "Poplar", "Sycamore", "Orchard", "Lakeview", "Fairview",
)  # fmt: skip
# Street suffixes as written in full; the first abbreviation is the USPS standard one.
STREET_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Street", ("St", "St.", "Str")),
    ("Avenue", ("Ave", "Ave.", "Av")),
    ("Road", ("Rd", "Rd.")),
    ("Drive", ("Dr", "Dr.")),
    ("Lane", ("Ln", "Ln.")),
    ("Boulevard", ("Blvd", "Blvd.")),
    ("Court", ("Ct", "Ct.")),
    ("Place", ("Pl", "Pl.")),
    ("Terrace", ("Ter", "Terr")),
    ("Circle", ("Cir", "Cir.")),
    ("Way", ("Way",)),
    ("Parkway", ("Pkwy", "Pky")),
)
UNIT_FORMS = ("Apt {n}", "Apt. {n}", "#{n}", "Unit {n}", "Suite {n}")

FOREIGN_PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    # country -> (city, postal code pattern with # for digits, @ for letters)
    "GB": (("London", "SW# #@@"), ("Manchester", "M# #@@"), ("Leeds", "LS# #@@")),
    "DE": (("Berlin", "1####"), ("München", "8####"), ("Köln", "5####")),
    "FR": (("Paris", "75###"), ("Lyon", "69###"), ("Marseille", "13###")),
    "ES": (("Madrid", "28###"), ("Sevilla", "41###"), ("Málaga", "29###")),
}
FOREIGN_STREETS: dict[str, tuple[str, ...]] = {
    "GB": ("High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane"),
    "DE": ("Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße"),
    "FR": ("Rue de la Paix", "Rue Victor Hugo", "Avenue Jean Jaurès", "Rue Pasteur", "Place de l'Église"),
    "ES": ("Calle Mayor", "Calle Real", "Avenida de la Constitución", "Calle del Sol", "Plaza de España"),
}


@cache
def locales() -> dict[str, Locale]:
    """Per-country vocabularies, built once."""
    us_last = _weighted(UsPerson.last_names)
    return {
        "US": Locale(
            "US", ("US", "USA", "United States", "U.S.A.", "us"), "1",
            _weighted(UsPerson.first_names_female), _weighted(UsPerson.first_names_male), us_last,
            ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "comcast.net"),
        ),
        "CA": Locale(
            "CA", ("CA", "Canada", "CAN"), "1",
            _weighted(UsPerson.first_names_female), _weighted(UsPerson.first_names_male), us_last,
            ("gmail.com", "hotmail.com", "rogers.com", "shaw.ca", "outlook.com"),
        ),
        "GB": Locale(
            "GB", ("GB", "UK", "United Kingdom", "Great Britain"), "44",
            _weighted(UsPerson.first_names_female), _weighted(UsPerson.first_names_male), us_last,
            ("gmail.com", "btinternet.com", "hotmail.co.uk", "yahoo.co.uk"),
        ),
        "DE": Locale(
            "DE", ("DE", "Germany", "Deutschland", "DEU"), "49",
            _weighted(DePerson.first_names_female), _weighted(DePerson.first_names_male),
            _weighted(DePerson.last_names), ("gmx.de", "web.de", "gmail.com", "t-online.de"),
        ),
        "FR": Locale(
            "FR", ("FR", "France", "FRA"), "33",
            _weighted(FrPerson.first_names_female), _weighted(FrPerson.first_names_male),
            _weighted(FrPerson.last_names), ("orange.fr", "free.fr", "gmail.com", "laposte.net"),
        ),
        "ES": Locale(
            "ES", ("ES", "Spain", "España", "ESP"), "34",
            _weighted(EsPerson.first_names_female), _weighted(EsPerson.first_names_male),
            _weighted(EsPerson.last_names), ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
        ),
    }  # fmt: skip


@cache
def nickname_index() -> dict[str, tuple[str, ...]]:
    """Lower-case given name -> its known nicknames (sorted, for determinism)."""
    namer = NickNamer()
    index: dict[str, tuple[str, ...]] = {}
    for loc in locales().values():
        for name in loc.first_names_female.values + loc.first_names_male.values:
            key = name.lower()
            if key not in index:
                nicks = sorted(n for n in namer.nicknames_of(key) if len(n) > 1)
                if nicks:
                    index[key] = tuple(nicks)
    return index


PLACEHOLDER_EMAILS = ("test@test.com", "noemail@none.com", "none@none.com", "na@na.com", "no@email.com")
PLACEHOLDER_PHONES = ("000-000-0000", "0000000000", "999-999-9999", "123-456-7890", "N/A", "unknown")
PLACEHOLDER_TEXT = ("N/A", "unknown", "n/a", "UNKNOWN", "none")

PRODUCTS: tuple[tuple[str, str, float], ...] = (
    ("SKU-TEE-01", "Organic Cotton Tee", 24.0),
    ("SKU-HOOD-02", "Fleece Hoodie", 58.0),
    ("SKU-CAP-03", "Canvas Cap", 19.5),
    ("SKU-MUG-04", "Ceramic Mug", 14.0),
    ("SKU-BAG-05", "Weekender Bag", 89.0),
    ("SKU-SOCK-06", "Wool Socks (3 pack)", 21.0),
    ("SKU-JKT-07", "Rain Jacket", 129.0),
    ("SKU-BTL-08", "Steel Bottle", 29.0),
    ("SKU-NB-09", "Dot Grid Notebook", 12.0),
    ("SKU-SHOE-10", "Trail Shoes", 115.0),
)
TICKET_SUBJECTS = (
    "Where is my order?", "Refund request", "Wrong size delivered", "Cannot log in", "Change my address",
    "Damaged item", "Question about sizing", "Cancel subscription", "Payment failed", "Discount code not working",
)  # fmt: skip
COMPANY_SUFFIXES = ("LLC", "Inc", "Group", "& Co", "Partners", "Holdings", "Studio", "Labs")
INDUSTRIES = ("Retail", "Technology", "Healthcare", "Finance", "Education", "Manufacturing", "Hospitality")
PAGES = ("/", "/products", "/products/tee", "/products/hoodie", "/cart", "/checkout", "/account", "/blog", "/sale")
UTM_SOURCES = (("google", "cpc"), ("facebook", "paid_social"), ("newsletter", "email"), ("instagram", "social"))
