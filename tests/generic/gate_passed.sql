{#- A quality gate passed: no result of its latest run failed. On failure dbt skips every model downstream
    of the gate; the failed results stay in the gate's table. -#}
{% test gate_passed(model) %}

select
    suite_name,
    expectation_type,
    column_name,
    observed_value
from {{ model }}
where
    not has_passed
    and run_id = (select arg_max(run_id, validated_at) from {{ model }})

{% endtest %}
