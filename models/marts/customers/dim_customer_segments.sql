{#- Each customer's segment memberships as of the `as_of_date` var. The segments and their rules are
    defined in one place: macros/segments/customer_segment_definitions.sql. -#}
{%- set segments = customer_segment_definitions() -%}
with

engagement as (

    select * from {{ ref('dim_customer_engagement') }}

),

{% for segment in segments -%}
    {{ segment['name'] }} as (

        select
            customer_id,
            '{{ segment["name"] }}' as segment_name,
            {{ segment['priority'] }} as segment_priority,
            as_of_date
        from engagement
        where {{ segment['rule'] }}

    ),

{% endfor -%}

memberships as (

    {% for segment in segments -%}
        select * from {{ segment['name'] }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from memberships
