{#- The links clustering refused, from the one clustering pass: int_person_records_clustered carries them
    on their left records. -#}
with

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

unnested as (

    select
        record_key as record_key_l,
        unnest(refused_links) as refused_link
    from clustered

),

refused_links as (

    select
        record_key_l,
        refused_link['record_key_r'] as record_key_r,
        refused_link['match_probability'] as match_probability,
        refused_link['link_origin'] as link_origin,
        refused_link['refusal_reason'] as refusal_reason
    from unnested

)

select * from refused_links
