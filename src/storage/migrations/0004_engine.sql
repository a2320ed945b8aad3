CREATE TABLE `conversation_events` (
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`visibility` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`body` text,
	`client_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_events_client_idx` ON `conversation_events` (`conversation_id`,`client_id`) WHERE "conversation_events"."client_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversation_events_created_idx` ON `conversation_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `conversation_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`from_operator_id` text NOT NULL,
	`to_operator_id` text NOT NULL,
	`message` text,
	`requested_by` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `conversation_transfers_state_idx` ON `conversation_transfers` (`state`,`to_operator_id`);--> statement-breakpoint
CREATE INDEX `conversation_transfers_conversation_idx` ON `conversation_transfers` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`visitor_id` text NOT NULL,
	`visitor_name` text,
	`visitor_email` text,
	`visitor_context` text DEFAULT '{}' NOT NULL,
	`state` text NOT NULL,
	`priority` text NOT NULL,
	`department_id` text,
	`target_operator_ids` text,
	`required_skills` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`important` integer DEFAULT false NOT NULL,
	`operator_id` text,
	`previous_operator_ids` text DEFAULT '[]' NOT NULL,
	`capacity_override` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`enqueued_at` integer,
	`sla_due_at` integer,
	`assigned_at` integer,
	`first_response_at` integer,
	`ended_at` integer,
	`end_reason` text,
	`last_visitor_activity_at` integer NOT NULL,
	`visitor_awaiting_reply_since` integer,
	`last_operator_activity_at` integer,
	`last_message_at` integer NOT NULL,
	`visitor_reminder_sent_at` integer,
	`reengagement_sent_at` integer,
	`questionnaire_offered_at` integer,
	`disconnect_notice_sent_at` integer,
	`still_busy_notice_sent_at` integer,
	`visitor_read_seq` integer DEFAULT 0 NOT NULL,
	`operator_read_seq` integer DEFAULT 0 NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_state_idx` ON `conversations` (`state`);--> statement-breakpoint
CREATE INDEX `conversations_visitor_idx` ON `conversations` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_operator_idx` ON `conversations` (`operator_id`,`state`);--> statement-breakpoint
CREATE INDEX `conversations_department_idx` ON `conversations` (`department_id`,`state`);--> statement-breakpoint
CREATE INDEX `conversations_created_idx` ON `conversations` (`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_ended_idx` ON `conversations` (`ended_at`);--> statement-breakpoint
CREATE INDEX `conversations_assigned_idx` ON `conversations` (`assigned_at`);--> statement-breakpoint
CREATE TABLE `operator_states` (
	`operator_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`status_since` integer NOT NULL,
	`present` integer NOT NULL,
	`last_assigned_at` integer DEFAULT 0 NOT NULL
);
