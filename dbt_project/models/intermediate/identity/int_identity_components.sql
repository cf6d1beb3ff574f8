-- Connected components of the match graph (transitive closure: A~B and B~C is one customer).
-- Pass 1 closes over strong evidence; pass 2 adds weak edges (a shared free-mail address) between
-- the pass-1 groups, except between two groups that each hold a different CRM company or support
-- organization, and closes again. Each closure is a recursive walk collecting every node reachable
-- from each node; UNION (not UNION ALL) stops it once nothing new is reached. A customer is
-- labelled by its smallest member (sort_key).
with recursive

nodes as (
    select * from {{ ref('int_identity_nodes') }}
),

evidence as (
    select * from {{ ref('int_identity_match_evidence') }}
),

strong_edges as (
    select
        node_a as from_node,
        node_b as to_node
    from evidence
    where not is_weak
    union
    select
        node_b as from_node,
        node_a as to_node
    from evidence
    where not is_weak
),

strongly_reachable (node_id, reached_node) as (
    select
        node_id,
        node_id as reached_node
    from nodes
    union
    select
        strongly_reachable.node_id,
        strong_edges.to_node as reached_node
    from strongly_reachable
    inner join strong_edges on strongly_reachable.reached_node = strong_edges.from_node
),

groups as (
    select
        strongly_reachable.node_id,
        min(nodes.sort_key) as group_key
    from strongly_reachable
    inner join nodes on strongly_reachable.reached_node = nodes.node_id
    group by 1
),

group_anchors as (
    select
        groups.group_key,
        min(case when nodes.source_system = 'hubspot_company' then nodes.node_id end) as crm_company,
        min(case when nodes.source_system = 'zendesk_organization' then nodes.node_id end) as support_organization
    from groups
    inner join nodes on groups.node_id = nodes.node_id
    group by 1
),

weak_group_edges as (
    select distinct
        group_a.group_key as group_a,
        group_b.group_key as group_b
    from evidence
    inner join groups as group_a on evidence.node_a = group_a.node_id
    inner join groups as group_b on evidence.node_b = group_b.node_id
    inner join group_anchors as anchors_a on group_a.group_key = anchors_a.group_key
    inner join group_anchors as anchors_b on group_b.group_key = anchors_b.group_key
    where
        evidence.is_weak
        and group_a.group_key <> group_b.group_key
        and coalesce(anchors_a.crm_company = anchors_b.crm_company, true)
        and coalesce(anchors_a.support_organization = anchors_b.support_organization, true)
),

group_edges as (
    select
        group_a as from_group,
        group_b as to_group
    from weak_group_edges
    union
    select
        group_b as from_group,
        group_a as to_group
    from weak_group_edges
),

groups_reachable (group_key, reached_group) as (
    select distinct
        group_key,
        group_key as reached_group
    from groups
    union
    select
        groups_reachable.group_key,
        group_edges.to_group as reached_group
    from groups_reachable
    inner join group_edges on groups_reachable.reached_group = group_edges.from_group
),

group_labels as (
    select
        group_key,
        min(reached_group) as anchor_sort_key
    from groups_reachable
    group by 1
),

labelled as (
    select
        groups.node_id,
        group_labels.anchor_sort_key,
        count(*) over (partition by group_labels.anchor_sort_key) as component_size
    from groups
    inner join group_labels on groups.group_key = group_labels.group_key
),

final as (
    select
        nodes.node_id,
        nodes.source_system,
        nodes.source_id,
        anchors.node_id as anchor_node_id,
        {{ dbt.hash('anchors.node_id') }} as customer_key,
        labelled.component_size
    from labelled
    inner join nodes on labelled.node_id = nodes.node_id
    inner join nodes as anchors on labelled.anchor_sort_key = anchors.sort_key
)

select * from final
