CREATE TABLE `offline_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`visitor_id` text,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`message` text NOT NULL,
	`department_id` text,
	`page_url` text,
	`reason` text,
	`created_at` integer NOT NULL,
	`handled_at` integer,
	`handled_by` text
);
--> statement-breakpoint
CREATE INDEX `offline_messages_created_idx` ON `offline_messages` (`created_at`);--> statement-breakpoint
CREATE INDEX `offline_messages_department_idx` ON `offline_messages` (`department_id`,`created_at`);