{#- Every value of the column is at least `minimum` (a quality floor). -#}
{% test at_least(model, column_name, minimum) %}

select {{ column_name }} as observed_value
from {{ model }}
where {{ column_name }} < {{ minimum }}

{% endtest %}
