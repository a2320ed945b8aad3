CREATE TABLE `operator_questionnaire_dues` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`questionnaire_id` text NOT NULL,
	`ended_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `operator_questionnaire_dues_operator_idx` ON `operator_questionnaire_dues` (`operator_id`,`ended_at`);