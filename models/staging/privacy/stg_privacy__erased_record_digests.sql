{{ config(materialized='incremental', unique_key='erased_record_digest', on_schema_change='fail', full_refresh=false) }}

{#- The rows erasure has removed, remembered across builds: one SHA-256 digest of each erased row's key, with
    the request that removed it first and when. stg_privacy__erased_records reads the previous build's
    digests, so a row stays erased when the same raw files are loaded again, also where only the previous
    build's customers had found it. Appended to, never rebuilt (full_refresh=false: a --full-refresh would forget). -#}
with

erased as (

    select * from {{ ref('stg_privacy__erased_records') }}

),

keyed as (

    select
        {{ erased_record_digest('erased') }} as erased_record_digest,
        erased.request_id
    from erased

),

digests as (

    select
        keyed.erased_record_digest,
        min(keyed.request_id) as request_id,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as first_erased_at
    from keyed
    {%- if is_incremental() %}
        where keyed.erased_record_digest not in (select remembered.erased_record_digest from {{ this }} as remembered)
    {%- endif %}
    group by keyed.erased_record_digest

),

final as (

    select * from digests

)

select * from final
