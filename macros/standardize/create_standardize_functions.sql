{#- The standardization macros whose SQL is long are DuckDB functions (macros) of the warehouse, in the
    schema `standardize`: a model's `{{ normalize_phone('phone', 'country_code') }}` compiles to
    `standardize.normalize_phone(phone, country_code)`. Each function's body is its jinja macro rendered once,
    with the function's parameter names for the columns (`inline=true`); `create_standardize_functions` (the
    on-run-start hook) creates them all before any model, unit test or test runs. DuckDB expands a macro where
    it binds a query, so a model's query plan, and so its result, is the one it had with the SQL written out.

    Written out, a person model's SQL was about 350 KB (normalize_phone alone was 43 KB, and a model reads a
    phone three times), which dbt rendered, parsed with sqlparse and logged, and sqlfluff parsed and linted, at
    every build and lint. No lint is lost: sqlfluff reports nothing found in the SQL a macro generates (it
    ignores templated areas), and DuckDB parses each function when the hook creates it. Analysts can call the
    functions on the warehouse too: `select standardize.normalize_email(x)`.

    Only macros without a subquery are functions: a lambda cannot hold one, nor can a macro created before the
    seeds it would read (is_placeholder, _is_husbands_name, and the macros built on them stay jinja). -#}

{#- The statements that (re)create every standardization function; the dependencies of a function first. -#}
{% macro create_standardize_functions() -%}
    create schema if not exists standardize;
    {{ _create_function('normalize_name', ['name_arg'], normalize_name('name_arg', inline=true)) }}
    {{ _create_function('normalize_email', ['email_arg'], normalize_email('email_arg', inline=true)) }}
    {{ _create_function('email_match_key', ['valid_email_arg'], email_match_key('valid_email_arg', inline=true)) }}
    {{ _create_function('is_filler_email', ['email_key_arg'], _is_filler_email('email_key_arg', inline=true)) }}
    {{ _create_function('normalize_country', ['country_arg'], normalize_country('country_arg', inline=true)) }}
    {{ _create_function(
        'normalize_phone', ['phone_arg', 'country_code_arg'],
        normalize_phone('phone_arg', 'country_code_arg', inline=true)
    ) }}
    {{ _create_function(
        'normalize_phone_among', ['phone_arg', 'country_code_arg', 'other_country_codes_arg'],
        normalize_phone('phone_arg', 'country_code_arg', 'other_country_codes_arg', inline=true)
    ) }}
    {{ _create_function(
        'normalize_postal_code', ['postal_code_arg', 'country_code_arg', 'default_country_code_arg'],
        normalize_postal_code('postal_code_arg', 'country_code_arg', 'default_country_code_arg', inline=true)
    ) }}
    {{ _create_function('normalize_state', ['state_arg'], normalize_state('state_arg', inline=true)) }}
    {{ _create_function('normalize_street', ['street_arg'], normalize_street('street_arg', inline=true)) }}
    {{ _create_function('repair_mojibake', ['text_arg'], repair_mojibake('text_arg', inline=true)) }}
    {{ _create_function(
        'read_date', ['date_arg', 'formats_arg', 'min_year_arg'],
        read_date('date_arg', 'formats_arg', 'min_year_arg', inline=true)
    ) }}
{%- endmacro %}

{#- One `create or replace macro` statement: `parameters` are the function's, `body` its SQL over them. -#}
{% macro _create_function(name, parameters, body) -%}
    create or replace macro standardize.{{ name }}({{ parameters | join(', ') }}) as ({{ body }});
{%- endmacro %}

{#- A call of the standardization function `name` on the SQL expressions `arguments`. -#}
{% macro _call_function(name, arguments) -%}
    standardize.{{ name }}({{ arguments | join(', ') }})
{%- endmacro %}
