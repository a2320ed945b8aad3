CREATE TABLE `mail_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `mail_jobs_due_idx` ON `mail_jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `questionnaire_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`questionnaire_id` text NOT NULL,
	`respondent_kind` text NOT NULL,
	`respondent_id` text NOT NULL,
	`answers` text NOT NULL,
	`score` real,
	`summary` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questionnaire_responses_conversation_idx` ON `questionnaire_responses` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `questionnaire_responses_questionnaire_idx` ON `questionnaire_responses` (`questionnaire_id`,`created_at`);