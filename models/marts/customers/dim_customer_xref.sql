{#- The identity cross-reference every team joins through: each source person record, its customer id,
    and the evidence that put it there. -#}
-- depends_on: {{ ref('gate_identity') }}
-- depends_on: {{ ref('int_identity_events_logged') }} (its post-hook reads the previous cross-reference)
with

records as (

    select * from {{ ref('int_person_records_prepared') }}

),

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

xref as (

    select
        records.record_key,
        clustered.customer_id,
        records.source_system,
        records.source_table,
        records.source_record_id,
        clustered.match_probability,
        clustered.linked_by
    from records
    inner join clustered on records.record_key = clustered.record_key

)

select * from xref
