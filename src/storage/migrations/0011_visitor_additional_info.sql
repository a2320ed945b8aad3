CREATE TABLE `visitor_additional_info` (
	`visitor_id` text NOT NULL,
	`field_id` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`visitor_id`, `field_id`)
);
