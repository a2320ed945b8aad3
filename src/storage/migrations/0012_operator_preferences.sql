CREATE TABLE `operator_preferences` (
	`operator_id` text PRIMARY KEY NOT NULL,
	`max_conversations` integer,
	`updated_at` integer NOT NULL
);
