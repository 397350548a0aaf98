{#- A mart renamed to the dim_/fct_ convention leaves its table under the old name in a warehouse built
    before. The renamed model drops it in a post-hook: within the build (so in `c360 build`'s shadow copy,
    published only if the whole build passes), after the erasure steps have read the previous identity
    cross-reference under either name, and never during `dbt source freshness`, which runs on-run-end hooks
    on the published file. -#}
{% macro drop_retired_mart(identifier) -%}
    drop table if exists {{ generate_schema_name('marts', none) }}.{{ identifier }}
{%- endmacro %}
