{{ config(
    materialized='incremental',
    unique_key='identity_event_id',
    post_hook="{{ forget_erased_customer_ids() }}",
) }}

{#- Merges and splits of customer ids, appended at every build that changes them. The post-hook forgets
    the ids of erased people. -#}
-- depends_on: {{ ref('stg_privacy__erased_records') }}
with

clustered as (

    select * from {{ ref('int_person_records_clustered') }}

),

moves as (

    select
        previous_customer_id,
        customer_id,
        count(*) as record_count
    from clustered
    where previous_customer_id is not null and previous_customer_id != customer_id
    group by previous_customer_id, customer_id

),

surviving_ids as (

    select distinct customer_id from clustered

),

events as (

    select
        case
            when surviving_ids.customer_id is null then 'merged_into'
            else 'split_from'
        end as event_type,
        case
            when surviving_ids.customer_id is null then moves.previous_customer_id
            else moves.customer_id
        end as customer_id,
        case
            when surviving_ids.customer_id is null then moves.customer_id
            else moves.previous_customer_id
        end as related_customer_id,
        moves.record_count,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as event_at
    from moves
    left join surviving_ids
        on moves.previous_customer_id = surviving_ids.customer_id

),

keyed as (

    select
        *,
        md5(concat_ws('|', event_type, customer_id, related_customer_id, event_at)) as identity_event_id
    from events

)

select * from keyed
