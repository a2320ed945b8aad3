CREATE TABLE `command_acks` (
	`principal_kind` text NOT NULL,
	`principal_id` text NOT NULL,
	`client_id` text NOT NULL,
	`ack` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`principal_kind`, `principal_id`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `command_acks_created_idx` ON `command_acks` (`created_at`);