"""Raw tables of the five source systems, each with its own ids, column names, formats and defects."""

from __future__ import annotations

import hashlib
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from c360.generator.noise import Columns, NoiseLog, NoiseRates, RecordNoiser, RowDefects, RowProblemRates
from c360.generator.persons import Address, Person
from c360.generator.vocab import (
    COMPANY_SUFFIXES,
    INDUSTRIES,
    PAGES,
    PRODUCTS,
    STREET_NAMES,
    TICKET_SUBJECTS,
    UTM_SOURCES,
)

EASTERN = ZoneInfo("America/New_York")


@dataclass(frozen=True)
class SystemRates:
    """How often a person shows up in each system."""

    crm_contact: float = 0.45
    crm_duplicate_contact: float = 0.05
    crm_business_account: float = 0.20
    crm_lead: float = 0.25
    crm_lead_converted: float = 0.5  # of leads whose person is also a contact
    shop_customer: float = 0.60
    shop_second_account: float = 0.08
    shop_guest: float = 0.12
    support_requester: float = 0.30
    marketing_subscriber: float = 0.50
    web_logged_sessions: float = 0.6  # of web sessions of shop customers that include a login


@dataclass
class Context:
    """Shared state of one generation run."""

    seed: int
    as_of: datetime
    persons: list[Person]
    noise_rates: NoiseRates = field(default_factory=NoiseRates)
    row_rates: RowProblemRates = field(default_factory=RowProblemRates)
    system_rates: SystemRates = field(default_factory=SystemRates)
    log: NoiseLog = field(default_factory=NoiseLog)
    truth: list[tuple[str, str, str, str]] = field(default_factory=list)

    def rng(self, stream: str) -> random.Random:
        """An independent, seeded random stream per purpose, so systems do not perturb each other."""
        return random.Random(f"{self.seed}:{stream}")

    def np_rng(self, stream: str) -> np.random.Generator:
        """The numpy counterpart of `rng`."""
        return np.random.default_rng(zlib.crc32(f"{self.seed}:{stream}".encode()))

    def record(self, system: str, table: str, record_id: str, person: Person) -> None:
        """Remember which person a source record belongs to (written to the truth folder only)."""
        self.truth.append((system, table, record_id, person.person_id))

    def forget(self, system: str, table: str, record_ids: set[str]) -> None:
        """Drop truth rows whose record id no longer exists in the raw table."""
        if record_ids:
            self.truth = [t for t in self.truth if not (t[0] == system and t[1] == table and t[2] in record_ids)]


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(int((end - start).total_seconds()), 1)
    return start + timedelta(seconds=rng.randrange(seconds))


def _sf_id(prefix: str, n: int) -> str:
    return f"{prefix}5g00000{n:08X}AAA"


def _sf_time(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def _shop_time(dt: datetime) -> str:
    return dt.astimezone(EASTERN).isoformat(timespec="seconds")


def _desk_time(dt: datetime) -> str:
    return dt.astimezone(EASTERN).strftime("%m/%d/%Y %I:%M %p")


def _columns(*names: str) -> Columns:
    return {name: [] for name in names}


def _append(cols: Columns, **values: Any) -> None:
    for name, value in values.items():
        cols[name].append(value)


def _street(rng: random.Random, address: Address | None) -> str | None:
    from c360.generator.noise import format_street

    return format_street(rng, address) if address else None


# ---------------------------------------------------------------------------------------------------------- crm
def build_crm(ctx: Context) -> dict[str, Columns]:
    """Salesforce-like CRM: accounts, contacts, leads, opportunities."""
    rng = ctx.rng("crm")
    sr = ctx.system_rates
    noiser = RecordNoiser(rng, ctx.log, ctx.noise_rates)
    accounts = _columns(
        "Id", "Name", "Type", "Industry", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode",
        "BillingCountry", "CreatedDate", "LastModifiedDate", "IsDeleted", "_loaded_at",
    )  # fmt: skip
    contacts = _columns(
        "Id", "AccountId", "Salutation", "FirstName", "LastName", "Email", "Phone", "MobilePhone", "Birthdate",
        "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "LeadSource",
        "CreatedDate", "LastModifiedDate", "_loaded_at",
    )  # fmt: skip
    leads = _columns(
        "Id", "FirstName", "LastName", "Company", "Email", "Phone", "Street", "City", "State", "PostalCode",
        "Country", "Status", "LeadSource", "IsConverted", "ConvertedContactId", "ConvertedDate", "CreatedDate",
        "LastModifiedDate", "_loaded_at",
    )  # fmt: skip
    household_accounts: dict[str, str] = {}
    account_contacts: dict[str, list[str]] = defaultdict(list)
    contact_of: dict[str, tuple[str, datetime]] = {}
    counters = {"001": 0, "003": 0, "00Q": 0, "006": 0}

    def next_id(prefix: str) -> str:
        counters[prefix] += 1
        return _sf_id(prefix, counters[prefix])

    def new_account(name: str, kind: str, address: Address | None, created: datetime) -> str:
        account_id = next_id("001")
        _append(
            accounts,
            Id=account_id, Name=name, Type=kind,
            Industry=rng.choice(INDUSTRIES) if kind != "Household" else None,
            BillingStreet=_street(rng, address), BillingCity=address.city if address else None,
            BillingState=address.state if address else None,
            BillingPostalCode=noiser.postal_code(address) if address else None,
            BillingCountry=noiser.country(address) if address else None,
            CreatedDate=_sf_time(created), LastModifiedDate=_sf_time(_between(rng, created, ctx.as_of)),
            IsDeleted=False, _loaded_at=ctx.as_of,
        )  # fmt: skip
        return account_id

    for person in ctx.persons:
        if rng.random() >= sr.crm_contact:
            continue
        copies = 2 if rng.random() < sr.crm_duplicate_contact else 1
        for _ in range(copies):
            created = _between(rng, person.first_seen_at, ctx.as_of)
            if rng.random() < sr.crm_business_account:
                company = f"{rng.choice(STREET_NAMES)} {rng.choice(COMPANY_SUFFIXES)}"
                account_id = new_account(company, "Customer - Direct", None, created)
            elif person.household_id in household_accounts:
                account_id = household_accounts[person.household_id]
            else:
                account_id = new_account(f"{person.last_name} Household", "Household", person.address, created)
                household_accounts[person.household_id] = account_id
            contact_id = next_id("003")
            noiser.start("crm", "contacts", contact_id)
            first, last = noiser.names(person, created)
            address = noiser.address(person, created)
            _append(
                contacts,
                Id=contact_id, AccountId=account_id, Salutation=rng.choice(("Mr.", "Ms.", "Dr.", None, None)),
                FirstName=first, LastName=last, Email=noiser.email(person), Phone=noiser.phone(person),
                MobilePhone=None, Birthdate=noiser.birth_date(person, (("%Y-%m-%d", 0.93), ("%m/%d/%Y", 0.07))),
                MailingStreet=_street(rng, address), MailingCity=address.city if address else None,
                MailingState=address.state if address else None,
                MailingPostalCode=noiser.postal_code(address) if address else None,
                MailingCountry=noiser.country(address) if address else None,
                LeadSource=rng.choice(("Web", "Referral", "Event", "Partner", None)),
                CreatedDate=_sf_time(created), LastModifiedDate=_sf_time(_between(rng, created, ctx.as_of)),
                _loaded_at=ctx.as_of,
            )  # fmt: skip
            account_contacts[account_id].append(contact_id)
            contact_of.setdefault(person.person_id, (contact_id, created))
            ctx.record("crm", "contacts", contact_id, person)

    for person in ctx.persons:
        if rng.random() >= sr.crm_lead:
            continue
        lead_id = next_id("00Q")
        converted = person.person_id in contact_of and rng.random() < sr.crm_lead_converted
        converted_contact_id: str | None = None
        contact_created: datetime | None = None
        if converted:
            converted_contact_id, contact_created = contact_of[person.person_id]
            created = _between(rng, person.first_seen_at - timedelta(days=60), contact_created)
        else:
            created = _between(rng, person.first_seen_at, ctx.as_of)
        noiser.start("crm", "leads", lead_id)
        first, last = noiser.names(person, created)
        address = noiser.address(person, created)
        _append(
            leads,
            Id=lead_id, FirstName=first, LastName=last,
            Company=f"{rng.choice(STREET_NAMES)} {rng.choice(COMPANY_SUFFIXES)}" if rng.random() < 0.4 else None,
            Email=noiser.email(person), Phone=noiser.phone(person), Street=_street(rng, address),
            City=address.city if address else None, State=address.state if address else None,
            PostalCode=noiser.postal_code(address) if address else None,
            Country=noiser.country(address) if address else None,
            Status="Converted" if converted else rng.choice(("Open", "Working", "Nurturing", "Unqualified")),
            LeadSource=rng.choice(("Web", "Trade Show", "Webinar", "Purchased List", "Referral")),
            IsConverted=converted, ConvertedContactId=converted_contact_id,
            ConvertedDate=contact_created.strftime("%Y-%m-%d") if contact_created else None,
            CreatedDate=_sf_time(created), LastModifiedDate=_sf_time(_between(rng, created, ctx.as_of)),
            _loaded_at=ctx.as_of,
        )  # fmt: skip
        ctx.record("crm", "leads", lead_id, person)

    opportunities = _columns(
        "Id", "AccountId", "ContactId", "Name", "StageName", "Amount", "Probability", "CloseDate", "IsClosed",
        "IsWon", "CreatedDate", "_loaded_at",
    )  # fmt: skip
    stages = (
        ("Prospecting", 10), ("Qualification", 20), ("Proposal", 50), ("Negotiation", 75),
        ("Closed Won", 100), ("Closed Lost", 0),
    )  # fmt: skip
    for account_id in accounts["Id"]:
        for _ in range(rng.choices((0, 1, 2, 3), weights=(0.5, 0.3, 0.15, 0.05))[0]):
            stage, probability = rng.choice(stages)
            created = _between(rng, ctx.as_of - timedelta(days=900), ctx.as_of - timedelta(days=1))
            members: list[str | None] = [*account_contacts.get(account_id, [])] or [None]
            _append(
                opportunities,
                Id=next_id("006"), AccountId=account_id,
                ContactId=rng.choice(members) if rng.random() < 0.9 else None,
                Name=f"{rng.choice(('Renewal', 'New Business', 'Upsell', 'Bulk Order'))} {created.year}",
                StageName=stage, Amount=round(rng.lognormvariate(7, 1), 2), Probability=float(probability),
                CloseDate=(created + timedelta(days=rng.randint(10, 120))).strftime("%Y-%m-%d"),
                IsClosed=stage.startswith("Closed"), IsWon=stage == "Closed Won", CreatedDate=_sf_time(created),
                _loaded_at=ctx.as_of,
            )  # fmt: skip

    defects = RowDefects(ctx.rng("crm:defects"), ctx.log, ctx.row_rates)

    def future_sf(r: random.Random) -> str:
        return _sf_time(ctx.as_of + timedelta(days=r.randint(30, 4000)))

    def orphan_account(r: random.Random) -> str:
        return _sf_id("001", 0x7000000 + r.randrange(1_000_000))

    for table, cols, ident in (
        ("accounts", accounts, None),
        ("contacts", contacts, ["FirstName", "LastName", "Email", "Phone"]),
        ("leads", leads, ["FirstName", "LastName", "Email", "Phone"]),
        ("opportunities", opportunities, None),
    ):
        if ident:
            defects.no_identifier("crm", table, cols, "Id", ident)
        defects.bad_timestamps("crm", table, cols, "Id", "CreatedDate", future_sf)
        if table in ("contacts", "opportunities"):
            defects.orphans("crm", table, cols, "Id", "AccountId", orphan_account)
        if table == "opportunities":
            defects.negative_amounts("crm", table, cols, "Id", "Amount")
        ctx.forget("crm", table, defects.missing_keys("crm", table, cols, "Id"))
        defects.duplicates("crm", table, cols, "Id")
    return {"accounts": accounts, "contacts": contacts, "leads": leads, "opportunities": opportunities}


# --------------------------------------------------------------------------------------------------------- shop
@dataclass
class ShopLogin:
    """How a shop customer identifies on the website."""

    person: Person
    customer_id: int
    email: str | None


def build_shop(ctx: Context) -> tuple[dict[str, Columns], list[ShopLogin]]:
    """Shopify-like shop: customers (incl. guest checkouts), orders, order lines."""
    rng = ctx.rng("shop")
    sr = ctx.system_rates
    noiser = RecordNoiser(rng, ctx.log, ctx.noise_rates)
    customers = _columns(
        "id", "email", "first_name", "last_name", "phone", "state", "verified_email", "accepts_marketing",
        "tags", "birthday", "address1", "address2", "city", "province_code", "zip", "country_code", "created_at",
        "updated_at", "_loaded_at",
    )  # fmt: skip
    orders = _columns(
        "id", "customer_id", "email", "created_at", "processed_at", "financial_status", "fulfillment_status",
        "currency", "subtotal_price", "total_tax", "total_price", "cancelled_at", "_loaded_at",
    )  # fmt: skip
    lines = _columns("id", "order_id", "sku", "title", "quantity", "price", "_loaded_at")
    logins: list[ShopLogin] = []
    next_customer = 5_000_000_000
    next_order = 4_100_000_000
    next_line = 9_000_000_000

    def add_orders(customer_id: int, email: str | None, since: datetime, count: int) -> None:
        nonlocal next_order, next_line
        for _ in range(count):
            next_order += 1
            created = _between(rng, since, ctx.as_of)
            subtotal = 0.0
            for _ in range(rng.choices((1, 2, 3, 4), weights=(0.45, 0.3, 0.15, 0.1))[0]):
                sku, title, price = rng.choice(PRODUCTS)
                quantity = rng.choices((1, 2, 3), weights=(0.8, 0.15, 0.05))[0]
                next_line += 1
                _append(
                    lines, id=next_line, order_id=next_order, sku=sku, title=title, quantity=quantity,
                    price=f"{price:.2f}", _loaded_at=ctx.as_of,
                )  # fmt: skip
                subtotal += price * quantity
            tax = round(subtotal * 0.0625, 2)
            status = rng.choices(
                ("paid", "refunded", "partially_refunded", "pending", "voided"), weights=(85, 5, 3, 5, 2)
            )[0]
            _append(
                orders,
                id=next_order, customer_id=customer_id, email=email, created_at=_shop_time(created),
                processed_at=_shop_time(created + timedelta(minutes=rng.randint(0, 30))), financial_status=status,
                fulfillment_status=rng.choice(("fulfilled", "fulfilled", "partial", None)), currency="USD",
                subtotal_price=f"{subtotal:.2f}", total_tax=f"{tax:.2f}", total_price=f"{subtotal + tax:.2f}",
                cancelled_at=_shop_time(created + timedelta(days=1)) if status == "voided" else None,
                _loaded_at=ctx.as_of,
            )  # fmt: skip

    for person in ctx.persons:
        roll = rng.random()
        if roll < sr.shop_customer:
            accounts = 2 if rng.random() < sr.shop_second_account else 1
            for _ in range(accounts):
                next_customer += 1
                created = _between(rng, person.first_seen_at, ctx.as_of)
                noiser.start("shop", "customers", str(next_customer))
                first, last = noiser.names(person, created)
                address = noiser.address(person, created)
                email = noiser.email(person)
                _append(
                    customers,
                    id=next_customer, email=email, first_name=first, last_name=last, phone=noiser.phone(person),
                    state=rng.choice(("enabled", "enabled", "invited", "disabled")), verified_email=rng.random() < 0.9,
                    accepts_marketing=rng.random() < 0.45, tags=rng.choice((None, "vip", "wholesale", "newsletter")),
                    birthday=noiser.birth_date(person, (("%m/%d/%Y", 0.9), ("%Y-%m-%d", 0.1)))
                    if rng.random() < 0.35 else None,
                    address1=_street(rng, replace(address, unit=None)) if address else None,
                    address2=address.unit if address else None, city=address.city if address else None,
                    province_code=address.state if address else None,
                    zip=noiser.postal_code(address) if address else None,
                    country_code=address.country if address else None, created_at=_shop_time(created),
                    updated_at=_shop_time(_between(rng, created, ctx.as_of)), _loaded_at=ctx.as_of,
                )  # fmt: skip
                ctx.record("shop", "customers", str(next_customer), person)
                logins.append(ShopLogin(person, next_customer, email))
                add_orders(next_customer, email, created, rng.choices((0, 1, 2, 3, 5, 8), (20, 35, 20, 12, 8, 5))[0])
        elif roll < sr.shop_customer + sr.shop_guest:
            next_customer += 1
            created = _between(rng, person.first_seen_at, ctx.as_of)
            noiser.start("shop", "customers", str(next_customer))
            email = noiser.email(person) or person.email
            _append(
                customers,
                id=next_customer, email=email, first_name=None, last_name=None, phone=None, state="disabled",
                verified_email=False, accepts_marketing=False, tags="guest", birthday=None, address1=None,
                address2=None, city=None, province_code=None, zip=None, country_code=None,
                created_at=_shop_time(created), updated_at=_shop_time(created), _loaded_at=ctx.as_of,
            )  # fmt: skip
            ctx.record("shop", "customers", str(next_customer), person)
            add_orders(next_customer, email, created, 1)

    defects = RowDefects(ctx.rng("shop:defects"), ctx.log, ctx.row_rates)

    def future_shop(r: random.Random) -> str:
        return _shop_time(ctx.as_of + timedelta(days=r.randint(30, 4000)))

    defects.no_identifier("shop", "customers", customers, "id", ["email", "first_name", "last_name", "phone"])
    defects.bad_timestamps("shop", "customers", customers, "id", "created_at", future_shop)
    defects.bad_timestamps("shop", "orders", orders, "id", "created_at", future_shop)
    defects.negative_amounts("shop", "orders", orders, "id", "total_price")
    defects.negative_amounts("shop", "order_lines", lines, "id", "price")
    defects.orphans("shop", "orders", orders, "id", "customer_id", lambda r: 6_000_000_000 + r.randrange(10**6))
    defects.orphans("shop", "order_lines", lines, "id", "order_id", lambda r: 4_900_000_000 + r.randrange(10**6))
    for table, cols in (("customers", customers), ("orders", orders), ("order_lines", lines)):
        ctx.forget("shop", table, defects.missing_keys("shop", table, cols, "id"))
        defects.duplicates("shop", table, cols, "id")
    return {"customers": customers, "orders": orders, "order_lines": lines}, logins


# ------------------------------------------------------------------------------------------------------ support
def build_support(ctx: Context) -> dict[str, Columns]:
    """Zendesk-like help desk: tickets carrying the requester's name, email and/or phone (local time)."""
    rng = ctx.rng("support")
    noiser = RecordNoiser(rng, ctx.log, ctx.noise_rates)
    tickets = _columns(
        "ticket_id", "requester_name", "requester_email", "requester_phone", "subject", "channel", "status",
        "priority", "created_at", "updated_at", "solved_at", "satisfaction_rating", "_loaded_at",
    )  # fmt: skip
    next_ticket = 100_000
    for person in ctx.persons:
        if rng.random() >= ctx.system_rates.support_requester:
            continue
        for _ in range(rng.choices((1, 2, 3, 4), weights=(0.6, 0.25, 0.1, 0.05))[0]):
            next_ticket += 1
            created = _between(rng, person.first_seen_at, ctx.as_of)
            noiser.start("support", "tickets", str(next_ticket))
            first, last = noiser.names(person, created)
            form = rng.random()
            if form < 0.8:
                name = f"{first or ''} {last or ''}".strip()
            elif form < 0.9:
                name = f"{last or ''}, {first or ''}"
            else:
                name = first or ""
            email = noiser.email(person) if rng.random() < 0.9 else None
            phone = noiser.phone(person) if email is None or rng.random() < 0.3 else None
            status = rng.choices(("new", "open", "pending", "solved", "closed"), weights=(5, 10, 5, 30, 50))[0]
            updated = _between(rng, created, min(created + timedelta(days=20), ctx.as_of))
            solved = status in ("solved", "closed")
            _append(
                tickets,
                ticket_id=next_ticket, requester_name=name, requester_email=email, requester_phone=phone,
                subject=rng.choice(TICKET_SUBJECTS), channel=rng.choice(("email", "web", "phone", "chat")),
                status=status, priority=rng.choices(("low", "normal", "high", "urgent"), weights=(20, 55, 20, 5))[0],
                created_at=_desk_time(created), updated_at=_desk_time(updated),
                solved_at=_desk_time(updated) if solved else None,
                satisfaction_rating=rng.choice(("good", "bad", "offered", "unoffered")) if solved else "unoffered",
                _loaded_at=ctx.as_of,
            )  # fmt: skip
            ctx.record("support", "tickets", str(next_ticket), person)
    defects = RowDefects(ctx.rng("support:defects"), ctx.log, ctx.row_rates)
    key = "ticket_id"
    defects.no_identifier("support", "tickets", tickets, key, ["requester_name", "requester_email", "requester_phone"])
    defects.bad_timestamps(
        "support", "tickets", tickets, key, "created_at",
        lambda r: _desk_time(ctx.as_of + timedelta(days=r.randint(30, 4000))),
    )  # fmt: skip
    ctx.forget("support", "tickets", defects.missing_keys("support", "tickets", tickets, key))
    defects.duplicates("support", "tickets", tickets, key)
    return {"tickets": tickets}


# ---------------------------------------------------------------------------------------------------- marketing
def build_marketing(ctx: Context) -> dict[str, Columns]:
    """Mailchimp-like audience: subscribers keyed by the MD5 of their email, and email events."""
    rng = ctx.rng("marketing")
    # Mailchimp rejects missing and obviously fake addresses, so the audience has none.
    noiser = RecordNoiser(rng, ctx.log, replace(ctx.noise_rates, placeholder_email=0.0, email_missing=0.0))
    subscribers = _columns(
        "subscriber_hash", "email_address", "merge_fname", "merge_lname", "merge_phone", "merge_birthday",
        "merge_address", "status", "optin_time", "confirm_time", "last_changed", "unsub_reason", "member_rating",
        "list_id", "_loaded_at",
    )  # fmt: skip
    seen: set[str] = set()
    engaged: list[tuple[str, float, float, float, str]] = []
    start = ctx.as_of - timedelta(days=730)
    for person in ctx.persons:
        if rng.random() >= ctx.system_rates.marketing_subscriber:
            continue
        optin = _between(rng, max(person.first_seen_at, start - timedelta(days=365)), ctx.as_of)
        noiser.start("marketing", "subscribers", "?")
        email = noiser.email(person)
        if email is None:
            continue
        subscriber_hash = hashlib.md5(email.strip().lower().encode()).hexdigest()
        if subscriber_hash in seen:  # one audience member per address
            continue
        seen.add(subscriber_hash)
        for i in range(len(ctx.log.rows) - 1, -1, -1):  # re-key the log rows written under "?"
            if ctx.log.rows[i][2] != "?":
                break
            ctx.log.rows[i] = (*ctx.log.rows[i][:2], subscriber_hash, ctx.log.rows[i][3])
        noiser.start("marketing", "subscribers", subscriber_hash)
        first, last = noiser.names(person, optin)
        address = noiser.address(person, optin)
        status = rng.choices(
            ("subscribed", "unsubscribed", "cleaned", "pending", "transactional"), weights=(70, 18, 5, 4, 3)
        )[0]
        changed = _between(rng, optin, ctx.as_of)
        merge_address = None
        if address:
            merge_address = "  ".join(
                part or ""
                for part in (
                    _street(rng, address),
                    address.city,
                    address.state,
                    noiser.postal_code(address),
                    address.country,
                )
            )
        _append(
            subscribers,
            subscriber_hash=subscriber_hash, email_address=email, merge_fname=first, merge_lname=last,
            merge_phone=noiser.phone(person) if rng.random() < 0.3 else None,
            merge_birthday=noiser.birth_date(person, (("%d/%m/%Y", 0.9), ("%d %b %Y", 0.1)))
            if rng.random() < 0.4 else None,
            merge_address=merge_address, status=status, optin_time=optin.strftime("%Y-%m-%d %H:%M:%S"),
            confirm_time=(optin + timedelta(minutes=rng.randint(1, 600))).strftime("%Y-%m-%d %H:%M:%S")
            if status != "pending" else None,
            last_changed=changed.strftime("%Y-%m-%d %H:%M:%S"),
            unsub_reason=rng.choice(("Too many emails", "Not relevant", None)) if status == "unsubscribed" else None,
            member_rating=rng.randint(1, 5), list_id="a1b2c3d4e5", _loaded_at=ctx.as_of,
        )  # fmt: skip
        ctx.record("marketing", "subscribers", subscriber_hash, person)
        end = changed if status in ("unsubscribed", "cleaned") else ctx.as_of
        engaged.append((subscriber_hash, optin.timestamp(), end.timestamp(), rng.betavariate(2, 5), status))

    events = _email_events(ctx, engaged, start)
    defects = RowDefects(ctx.rng("marketing:defects"), ctx.log, ctx.row_rates)
    defects.no_identifier(
        "marketing", "subscribers", subscribers, "subscriber_hash", ["merge_fname", "merge_lname", "merge_phone"]
    )
    defects.orphans(
        "marketing", "email_events", events, "id", "subscriber_hash",
        lambda r: hashlib.md5(str(r.random()).encode()).hexdigest(),
    )  # fmt: skip
    defects.bad_timestamps(
        "marketing", "email_events", events, "id", "timestamp",
        lambda r: int((ctx.as_of + timedelta(days=r.randint(30, 4000))).timestamp() * 1000),
    )  # fmt: skip
    for table, cols, key in (("subscribers", subscribers, "subscriber_hash"), ("email_events", events, "id")):
        ctx.forget("marketing", table, defects.missing_keys("marketing", table, cols, key))
        defects.duplicates("marketing", table, cols, key)
    # an epoch column cannot hold text: unparseable values become null
    events["timestamp"] = [v if isinstance(v, int) else None for v in events["timestamp"]]
    return {"subscribers": subscribers, "email_events": events}


def _email_events(ctx: Context, engaged: list[tuple[str, float, float, float, str]], start: datetime) -> Columns:
    gen = ctx.np_rng("marketing:events")
    hashes = np.array([e[0] for e in engaged], dtype=object)
    optin = np.array([e[1] for e in engaged])
    end = np.array([e[2] for e in engaged])
    engagement = np.array([e[3] for e in engaged])
    status = np.array([e[4] for e in engaged], dtype=object)
    campaign_times = np.array([(start + timedelta(days=30 * c + 3)).timestamp() for c in range(24)])
    sub_parts, camp_parts = [], []
    for c, ts in enumerate(campaign_times):
        eligible = (optin <= ts) & (end > ts) & (status != "transactional") & (gen.random(len(optin)) < 0.35)
        idx = np.nonzero(eligible)[0]
        sub_parts.append(idx)
        camp_parts.append(np.full(len(idx), c))
    sub = np.concatenate(sub_parts) if sub_parts else np.array([], dtype=int)
    camp = np.concatenate(camp_parts) if camp_parts else np.array([], dtype=int)
    send_ts = campaign_times[camp] + gen.integers(0, 3600, len(sub))
    opened = gen.random(len(sub)) < engagement[sub]
    clicked = opened & (gen.random(len(sub)) < 0.25)
    bounced = ~opened & (gen.random(len(sub)) < 0.02)
    open_ts = send_ts + gen.exponential(4 * 3600, len(sub))
    click_ts = open_ts + gen.integers(5, 900, len(sub))
    unsub = np.nonzero(status == "unsubscribed")[0]
    parts = [
        (sub, camp, send_ts, "send"),
        (sub[opened], camp[opened], open_ts[opened], "open"),
        (sub[clicked], camp[clicked], click_ts[clicked], "click"),
        (sub[bounced], camp[bounced], send_ts[bounced] + 30, "bounce"),
        (unsub, np.full(len(unsub), -1), end[unsub], "unsub"),
    ]
    all_sub = np.concatenate([p[0] for p in parts])
    all_camp = np.concatenate([p[1] for p in parts])
    all_ts = (np.concatenate([p[2] for p in parts]) * 1000).astype(np.int64)
    actions = np.concatenate([np.full(len(p[0]), p[3], dtype=object) for p in parts])
    order = np.lexsort((all_sub, all_ts))
    all_sub, all_camp, all_ts, actions = all_sub[order], all_camp[order], all_ts[order], actions[order]
    n = len(all_sub)
    urls = _or_none(actions == "click", np.array(PAGES, dtype=object)[gen.integers(0, len(PAGES), n)])
    return {
        "id": (np.arange(n, dtype=np.int64) + 70_000_000).tolist(),
        "subscriber_hash": hashes[all_sub].tolist(),
        "campaign_id": [f"cmp_{c:03d}" if c >= 0 else None for c in all_camp.tolist()],
        "action": actions.tolist(),
        "timestamp": all_ts.tolist(),
        "url": [f"https://shop.example.com{u}" if u else None for u in urls.tolist()],
        "bounce_type": _or_none(actions == "bounce", "hard").tolist(),
        "_loaded_at": [ctx.as_of] * n,
    }


def _or_none(mask: np.ndarray[Any, Any], value: Any) -> np.ndarray[Any, Any]:
    """`value` where `mask` holds, None elsewhere (an object array)."""
    return np.where(mask, value, np.full(mask.shape, None, dtype=object))


# ---------------------------------------------------------------------------------------------------------- web
def build_web(ctx: Context, logins: list[ShopLogin]) -> dict[str, Columns]:
    """Segment-like web events: anonymous ids per browser, a user id only once the visitor logs in."""
    gen = ctx.np_rng("web")
    rng = ctx.rng("web")
    span = (ctx.as_of - timedelta(days=365)).timestamp(), ctx.as_of.timestamp()
    # known visitors: shop customers, each with one or two browsers and a login form (email or customer id)
    user_keys: list[str] = []
    for login in logins:
        if login.email and rng.random() < 0.6:
            user_keys.append(login.email.strip() if rng.random() < 0.8 else login.email.strip().upper())
        else:
            user_keys.append(str(login.customer_id))
    n_known = len(logins)
    sessions_known = gen.poisson(2.0, n_known)
    n_anon_visitors = max(len(ctx.persons) // 3, 1)
    sessions_anon = gen.poisson(1.5, n_anon_visitors)
    visitor = np.concatenate([np.repeat(np.arange(n_known), sessions_known),
                              np.repeat(np.arange(n_anon_visitors) + n_known, sessions_anon)])  # fmt: skip
    n_sessions = len(visitor)
    is_known = visitor < n_known
    device = np.where(is_known, visitor * 2 + (gen.random(n_sessions) < 0.3), visitor * 2)
    session_start = gen.uniform(span[0], span[1], n_sessions)
    length = 1 + gen.poisson(3.0, n_sessions)
    login_at = np.where(
        is_known & (gen.random(n_sessions) < ctx.system_rates.web_logged_sessions),
        (gen.random(n_sessions) * length).astype(int), -1,
    )  # fmt: skip
    utm = gen.integers(-2, len(UTM_SOURCES), n_sessions)  # negative: no campaign
    # one row per event
    s = np.repeat(np.arange(n_sessions), length)
    offsets = np.concatenate([[0], np.cumsum(length)[:-1]])
    position = np.arange(len(s)) - offsets[s]
    ts = session_start[s] + position * 45 + np.cumsum(gen.exponential(40, len(s))) % 600
    logged = (login_at[s] >= 0) & (position >= login_at[s])
    n = len(s)
    page = np.array(PAGES, dtype=object)[gen.integers(0, len(PAGES), n)]
    event_name = np.where(position == login_at[s], "Signed In", _or_none(page == "/cart", "Cart Viewed"))
    kind = np.where(position == login_at[s], "track", np.where(page == "/cart", "track", "page"))
    ids = gen.integers(0, 2**62, n)
    ts_text = np.datetime_as_string((ts * 1000).astype("datetime64[ms]"), unit="ms")
    received = np.datetime_as_string(((ts + gen.integers(1, 5, n)) * 1000).astype("datetime64[ms]"), unit="ms")
    utm_s = utm[s]
    campaign = [
        UTM_SOURCES[u] if u >= 0 and p == 0 else (None, None)
        for u, p in zip(utm_s.tolist(), position.tolist(), strict=True)
    ]
    vis = visitor[s]
    user_ids: list[str | None] = [None] * n
    message_ids = [f"{i:016x}" for i in ids.tolist()]
    for i in np.nonzero(logged)[0].tolist():
        v = int(vis[i])
        user_ids[i] = user_keys[v]
        ctx.record("web", "events", message_ids[i], logins[v].person)
    events: Columns = {
        "message_id": message_ids,
        "anonymous_id": [f"anon-{d:08x}{(d * 2654435761) % 2**32:08x}" for d in device[s].tolist()],
        "user_id": user_ids,
        "type": kind.tolist(),
        "event": event_name.tolist(),
        "context_page_path": page.tolist(),
        "context_page_url": [f"https://shop.example.com{p}" for p in page.tolist()],
        "context_page_referrer": _or_none(position == 0, "https://www.google.com/").tolist(),
        "context_campaign_source": [c[0] for c in campaign],
        "context_campaign_medium": [c[1] for c in campaign],
        "context_campaign_name": [f"fall_{c[0]}" if c[0] else None for c in campaign],
        "timestamp": [f"{t}Z" for t in ts_text.tolist()],
        "received_at": [f"{t}Z" for t in received.tolist()],
        "_loaded_at": [ctx.as_of] * n,
    }
    defects = RowDefects(ctx.rng("web:defects"), ctx.log, ctx.row_rates)
    defects.bad_timestamps(
        "web", "events", events, "message_id", "timestamp",
        lambda r: (ctx.as_of + timedelta(days=r.randint(30, 4000))).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    )  # fmt: skip
    ctx.forget("web", "events", defects.missing_keys("web", "events", events, "message_id"))
    defects.duplicates("web", "events", events, "message_id")
    return {"events": events}
