{#- Latest plausible event time for a row loaded at `loaded_at`: later ones are future timestamps. -#}
{% macro future_cutoff(loaded_at) -%}
    ({{ loaded_at }} + interval ({{ var('future_tolerance_hours') }}) hour)
{%- endmacro %}
