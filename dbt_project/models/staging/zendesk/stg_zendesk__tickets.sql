-- One row per support ticket, latest landed version; tickets merged into another are flagged.
with

source as (
    {{ source_columns('zendesk', 'tickets', {
        'id': 'bigint',
        'created_at': 'timestamp with time zone',
        'updated_at': 'timestamp with time zone',
        'status': 'varchar',
        'priority': 'varchar',
        'type': 'varchar',
        'subject': 'varchar',
        'via__channel': 'varchar',
        'requester_id': 'bigint',
        'organization_id': 'bigint',
        'assignee_id': 'bigint',
        'metric_set__solved_at': 'timestamp with time zone',
        'metric_set__reopens': 'integer',
    }) }}
),

tags as (
    select * from {{ ref('stg_zendesk__ticket_tags') }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

renamed as (
    select
        ranked.id as ticket_id,
        {{ to_utc_timestamp('ranked.created_at') }} as created_at,
        {{ to_utc_timestamp('ranked.updated_at') }} as updated_at,
        lower(ranked.status) as status,
        lower(ranked.priority) as priority,
        lower(ranked.type) as ticket_type,
        ranked.via__channel as channel,
        ranked.requester_id,
        ranked.organization_id,
        ranked.assignee_id,
        {{ to_utc_timestamp('ranked.metric_set__solved_at') }} as metric_solved_at,
        ranked.metric_set__reopens as metric_reopens,
        lower(ranked.status) = 'deleted' as is_deleted,
        -- Zendesk closes a ticket merged into another with this tag; the survivor keeps the history
        coalesce(merged.ticket_id is not null, false) as is_merged,
        coalesce(complaint.ticket_id is not null, false) or lower(ranked.type) = 'complaint' as is_complaint
    from ranked
    left join tags as merged on ranked.id = merged.ticket_id and merged.tag = 'closed_by_merge'
    left join tags as complaint on ranked.id = complaint.ticket_id and complaint.tag = 'complaint'
    where ranked.version_rank = 1
)

select * from renamed
