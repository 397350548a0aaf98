"""The raw tables staging reads, with the columns it needs and their kind of type (light: no Great
Expectations import), shared by the raw quality gate and the build's pre-flight check of the raw files."""

from __future__ import annotations

from dataclasses import dataclass

TEXT, INTEGER, NUMBER, BOOLEAN = "text", "integer", "number", "boolean"


@dataclass(frozen=True)
class RawTable:
    """A raw table staging reads: its file `<system>/<table>.parquet`, its key, and the other columns it
    needs, each with the kind of type staging expects (every table also has a `_loaded_at` timestamp)."""

    system: str
    table: str
    key: tuple[str, str]
    columns: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        return f"{self.system}__{self.table}"

    @property
    def relative_path(self) -> str:
        return f"{self.system}/{self.table}.parquet"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


RAW_TABLES = (
    RawTable("crm", "accounts", ("Id", TEXT), (("Name", TEXT), ("CreatedDate", TEXT))),
    RawTable(
        "crm", "contacts", ("Id", TEXT),
        (("AccountId", TEXT), ("FirstName", TEXT), ("LastName", TEXT), ("Email", TEXT), ("Phone", TEXT),
         ("Birthdate", TEXT)),
    ),
    RawTable(
        "crm", "leads", ("Id", TEXT),
        (("FirstName", TEXT), ("LastName", TEXT), ("Email", TEXT), ("IsConverted", BOOLEAN),
         ("ConvertedContactId", TEXT)),
    ),
    RawTable(
        "crm", "opportunities", ("Id", TEXT),
        (("AccountId", TEXT), ("ContactId", TEXT), ("Amount", NUMBER), ("StageName", TEXT)),
    ),
    RawTable(
        "shop", "customers", ("id", INTEGER),
        (("email", TEXT), ("first_name", TEXT), ("last_name", TEXT), ("accepts_marketing", BOOLEAN)),
    ),
    RawTable(
        "shop", "orders", ("id", INTEGER),
        (("customer_id", INTEGER), ("email", TEXT), ("total_price", TEXT), ("created_at", TEXT)),
    ),
    RawTable("shop", "order_lines", ("id", INTEGER), (("order_id", INTEGER), ("quantity", INTEGER), ("price", TEXT))),
    RawTable(
        "support", "tickets", ("ticket_id", INTEGER),
        (("requester_name", TEXT), ("requester_email", TEXT), ("requester_phone", TEXT), ("status", TEXT)),
    ),
    RawTable("marketing", "subscribers", ("subscriber_hash", TEXT), (("email_address", TEXT), ("status", TEXT))),
    RawTable(
        "marketing", "email_events", ("id", INTEGER),
        (("subscriber_hash", TEXT), ("action", TEXT), ("timestamp", INTEGER)),
    ),
    RawTable("web", "events", ("message_id", TEXT), (("anonymous_id", TEXT), ("user_id", TEXT), ("timestamp", TEXT))),
)  # fmt: skip
