{#- The activation segments, in one reviewable place: name, priority, what it means, and its rule (SQL over
    the columns of dim_customer_engagement). dim_customer_segments builds one membership per customer and rule. -#}
{% macro customer_segment_definitions() %}
    {{ return([
        {
            'name': 'champions', 'priority': 1,
            'description': 'Bought recently, often and for a lot: recency, frequency and monetary scores all 4 or 5.',
            'rule': 'recency_score >= 4 and frequency_score >= 4 and monetary_score >= 4',
        },
        {
            'name': 'new_customers', 'priority': 2,
            'description': 'First order in the last 30 days (of the orders that count: not cancelled, not refunded).',
            'rule': "first_ordered_at >= as_of_date + interval 1 day - interval 30 day",
        },
        {
            'name': 'loyal', 'priority': 3,
            'description': 'Three or more orders, the last within 180 days.',
            'rule': 'order_count >= 3 and days_since_last_order <= 180',
        },
        {
            'name': 'at_risk', 'priority': 4,
            'description': 'Two or more orders, but none for 91 to 365 days.',
            'rule': 'order_count >= 2 and days_since_last_order between 91 and 365',
        },
        {
            'name': 'dormant', 'priority': 5,
            'description': 'Nothing done in any channel for more than 180 days, or never.',
            'rule': 'coalesce(days_since_last_activity, 100000) > 180',
        },
        {
            'name': 'support_heavy', 'priority': 6,
            'description': 'Three or more tickets in 90 days, or two or more still open.',
            'rule': 'tickets_opened_90d_count >= 3 or tickets_open_count >= 2',
        },
        {
            'name': 'engaged_subscribers', 'priority': 7,
            'description': 'Clicked at least one in five of three or more campaigns received.',
            'rule': 'emails_sent_count >= 3 and email_click_rate >= 0.2',
        },
    ]) }}
{% endmacro %}
