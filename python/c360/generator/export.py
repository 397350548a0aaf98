"""Export a generated data set's person records as one flat file in the `c360 resolve` input schema, the
way a real export would: raw values as typed, each source's own formats, no standardization."""

from __future__ import annotations

from pathlib import Path

import duckdb

EXPORT_SQL = """
select 'crm.contacts' as source_system, "Id" as source_record_id, "FirstName" as first_name,
       "LastName" as last_name, "Email" as email, "Phone" as phone, "Birthdate" as date_of_birth,
       "MailingStreet" as street_address, "MailingCity" as city, "MailingPostalCode" as postal_code,
       "MailingState" as state, "MailingCountry" as country, "LastModifiedDate" as updated_at
from read_parquet('{raw}/crm/contacts.parquet')
union all
select 'crm.leads', "Id", "FirstName", "LastName", "Email", "Phone", null, "Street", "City", "PostalCode",
       "State", "Country", "LastModifiedDate"
from read_parquet('{raw}/crm/leads.parquet')
union all
select 'shop.customers', cast(id as varchar), first_name, last_name, email, phone, birthday,
       concat_ws(' ', address1, address2), city, zip, province_code, country_code, updated_at
from read_parquet('{raw}/shop/customers.parquet')
union all
select 'support.tickets', cast(ticket_id as varchar),
       case when requester_name like '%,%' then trim(split_part(requester_name, ',', 2))
            else split_part(trim(requester_name), ' ', 1) end,
       case when requester_name like '%,%' then trim(split_part(requester_name, ',', 1))
            else nullif(trim(regexp_extract(trim(requester_name), ' (.*)$', 1)), '') end,
       requester_email, requester_phone, null, null, null, null, null, null, updated_at
from read_parquet('{raw}/support/tickets.parquet')
union all
select 'marketing.subscribers', subscriber_hash, merge_fname, merge_lname, email_address, merge_phone,
       merge_birthday, split_part(merge_address, '  ', 1), split_part(merge_address, '  ', 2),
       split_part(merge_address, '  ', 4), split_part(merge_address, '  ', 3), split_part(merge_address, '  ', 5),
       last_changed
from read_parquet('{raw}/marketing/subscribers.parquet')
"""


def export_person_records(data_dir: Path, out: Path) -> int:
    """Write the person records of `data_dir`/raw to `out` (.csv or .parquet); returns the row count.
    Rows without a key and second copies of a key are left out (the resolve input needs unique keys)."""
    raw = (data_dir / "raw").resolve()
    fmt = "parquet" if out.suffix.lower() == ".parquet" else "csv, header true"
    query = f"""
        select * from ({EXPORT_SQL.format(raw=raw)})
        where source_record_id is not null
        qualify row_number() over (partition by source_system, source_record_id order by updated_at desc) = 1
    """
    con = duckdb.connect()
    con.execute(f"copy ({query}) to '{out}' (format {fmt})")
    row = con.execute(f"select count(*) from ({query})").fetchone()
    return int(row[0]) if row else 0
