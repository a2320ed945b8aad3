CREATE TABLE `auth_credentials` (
	`operator_id` text PRIMARY KEY NOT NULL,
	`password_hash` text NOT NULL,
	`source` text NOT NULL,
	`config_hash_basis` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `auth_login_failures` (
	`account_key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE INDEX `auth_login_failures_last_idx` ON `auth_login_failures` (`last_failure_at`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`role` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`revoked_at` integer,
	`revoked_reason` text
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_operator_idx` ON `auth_sessions` (`operator_id`);--> statement-breakpoint
CREATE INDEX `auth_sessions_expires_idx` ON `auth_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `visitor_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`visitor_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `visitor_tokens_visitor_idx` ON `visitor_tokens` (`visitor_id`);--> statement-breakpoint
CREATE TABLE `visitors` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`name` text,
	`email` text,
	`identity_user_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitors_identity_user_id_unique` ON `visitors` (`identity_user_id`);