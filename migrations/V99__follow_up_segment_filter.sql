-- Follow-up rules may be limited to the members of a dynamic segment (issue #7), checked when the job
-- runs, like the tag filter. No foreign key: staff may delete the segment, after which the rule matches
-- nobody (its jobs are skipped with reason segment_filter) until staff change the filter.
ALTER TABLE crm_follow_up_rule ADD COLUMN segment_id uuid;
