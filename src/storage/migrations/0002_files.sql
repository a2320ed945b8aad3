CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`content_type` text NOT NULL,
	`conversation_id` text NOT NULL,
	`uploader_kind` text NOT NULL,
	`uploader_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `files_conversation_idx` ON `files` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `files_sha256_idx` ON `files` (`sha256`);--> statement-breakpoint
CREATE INDEX `files_created_idx` ON `files` (`created_at`);