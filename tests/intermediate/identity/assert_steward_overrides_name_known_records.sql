{#- Every steward override names two records clustering saw. One that does not (a mistyped key, a record
    since erased or no longer exported) cannot apply; the build warns, so the steward can fix or retire it
    rather than trust a decision that is silently ignored. -#}
{{ config(severity='warn') }}

with

overrides as (

    select * from {{ ref('identity_overrides') }}

),

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

unknown_records as (

    select
        overrides.record_key_l,
        overrides.record_key_r,
        overrides.override_type,
        overrides.requested_by,
        overrides.requested_at
    from overrides
    where
        overrides.record_key_l not in (select clustered.record_key from clustered)
        or overrides.record_key_r not in (select clustered.record_key from clustered)

)

select * from unknown_records
