CREATE TABLE `operator_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_key` text NOT NULL,
	`sender_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`client_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operator_messages_client_idx` ON `operator_messages` (`sender_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `operator_messages_thread_idx` ON `operator_messages` (`thread_key`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `operator_messages_unread_idx` ON `operator_messages` (`recipient_id`,`read_at`,`sender_id`);--> statement-breakpoint
CREATE INDEX `operator_messages_created_idx` ON `operator_messages` (`created_at`);