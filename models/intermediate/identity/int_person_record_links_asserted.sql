{#- Links the source systems themselves assert (carried by int_person_records_unioned): a web login by shop
    customer id is that customer, and a converted CRM lead is the contact it was converted into.
    Clustering follows them before any score. A `c360 resolve` input asserts nothing. -#}
with

records as (

    select * from {{ ref('int_person_records_unioned') }}

),

asserted as (

    select
        records.record_key as record_key_l,
        targets.record_key as record_key_r,
        case
            when records.source_system = 'web' then 'web login by shop customer id'
            else 'lead converted to contact'
        end as link_reason
    from records
    inner join records as targets
        on records.asserted_same_as_record_key = targets.record_key

)

select * from asserted
