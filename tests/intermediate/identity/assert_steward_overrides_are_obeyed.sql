{#- Clustering obeys the steward overrides (seeds/identity_overrides.csv): the two records of a cannot-link
    never share a customer, and the two of a must-link always do, unless a cannot-link separates them;
    clustering then refuses the must-link and says so in int_person_links_refused. An override naming a
    record that is not in the input cannot apply: assert_steward_overrides_name_known_records reports it. -#}
with

overrides as (

    select * from {{ ref('identity_overrides') }}

),

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

refused_links as (

    select * from {{ ref('int_person_links_refused') }}

),

overrides_clustered as (

    select
        overrides.record_key_l,
        overrides.record_key_r,
        clustered_l.customer_id as customer_id_l,
        clustered_r.customer_id as customer_id_r,
        lower(overrides.override_type) as override_type
    from overrides
    inner join clustered as clustered_l on overrides.record_key_l = clustered_l.record_key
    inner join clustered as clustered_r on overrides.record_key_r = clustered_r.record_key

),

must_links_refused as (

    select
        record_key_l,
        record_key_r
    from refused_links
    where link_origin = 'steward' and refusal_reason = 'cannot_link'

),

violations as (

    select
        record_key_l,
        record_key_r,
        override_type,
        'the two records of a cannot-link share a customer' as violation
    from overrides_clustered
    where override_type = 'cannot_link' and customer_id_l = customer_id_r
    union all
    select
        overrides_clustered.record_key_l,
        overrides_clustered.record_key_r,
        overrides_clustered.override_type,
        'the two records of a must-link are apart, and no cannot-link refused it' as violation
    from overrides_clustered
    left join must_links_refused
        on
            least(overrides_clustered.record_key_l, overrides_clustered.record_key_r)
            = least(must_links_refused.record_key_l, must_links_refused.record_key_r)
            and greatest(overrides_clustered.record_key_l, overrides_clustered.record_key_r)
            = greatest(must_links_refused.record_key_l, must_links_refused.record_key_r)
    where
        overrides_clustered.override_type = 'must_link'
        and overrides_clustered.customer_id_l != overrides_clustered.customer_id_r
        and must_links_refused.record_key_l is null

)

select * from violations
