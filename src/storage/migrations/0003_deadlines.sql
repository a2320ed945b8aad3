CREATE TABLE `deadlines` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`conversation_id` text,
	`due_at` integer NOT NULL,
	`fire_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`payload` text DEFAULT 'null' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deadlines_fire_at_idx` ON `deadlines` (`fire_at`);--> statement-breakpoint
CREATE INDEX `deadlines_conversation_idx` ON `deadlines` (`conversation_id`);