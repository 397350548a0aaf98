{#- Every value of the column is at most `maximum` (a quality ceiling). -#}
{% test at_most(model, column_name, maximum) %}

select {{ column_name }} as observed_value
from {{ model }}
where {{ column_name }} > {{ maximum }}

{% endtest %}
