-- Which CRM record belongs to which: deals to contacts and companies, activities and surveys to
-- deals and contacts (from the latest landed version of the record that carries them).
{%- set links = [
    ('deal', 'deals', 'deal_contacts', 'contact'),
    ('deal', 'deals', 'deal_companies', 'company'),
    ('call', 'calls', 'call_deals', 'deal'),
    ('call', 'calls', 'call_contacts', 'contact'),
    ('email', 'emails', 'email_deals', 'deal'),
    ('email', 'emails', 'email_contacts', 'contact'),
    ('meeting', 'meetings', 'meeting_deals', 'deal'),
    ('meeting', 'meetings', 'meeting_contacts', 'contact'),
    ('task', 'tasks', 'task_deals', 'deal'),
    ('task', 'tasks', 'task_contacts', 'contact'),
    ('feedback_submission', 'feedback_submissions', 'feedback_submission_contacts', 'contact'),
] %}
with

unioned as (
    {% for from_object, parent_table, child_table, to_object in links %}
        {{ hubspot_association_rows(from_object, parent_table, child_table, to_object) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

renamed as (
    select distinct
        from_object,
        from_id,
        to_object,
        to_id
    from unioned
)

select * from renamed
