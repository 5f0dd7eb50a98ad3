import { z } from 'zod';
import { inputString } from './common';

/**
 * The in-app notification centre and its email (issue 20). Each account sees its own notifications, live over
 * its Socket.IO account room, and chooses which kinds also go to its email address.
 */
export const NOTIFICATION_KINDS = ['task_assigned', 'task_reminder', 'task_overdue', 'opinion_requested', 'invitation', 'documents_released', 'turn_coming', 'notice_issued'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** a path in the web app (e.g. /tasks/<id>) */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

export interface NotificationPreferences {
  /** where email goes; null: no email */
  email: string | null;
  /** the kinds that also go by email */
  emailKinds: NotificationKind[];
}

/** Pushed to the account room when a notification is committed for it. */
export interface NotificationNew {
  notification: AppNotification;
  unread: number;
}

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export const listNotificationsQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export const markNotificationsReadSchema = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()]);
export const notificationPreferencesSchema = z
  .object({
    email: inputString().trim().pipe(z.email().max(254)).nullable(),
    emailKinds: z.array(notificationKindSchema).max(NOTIFICATION_KINDS.length),
  })
  .strict();

const iso = z.string();
export const appNotificationSchema = z.object({ id: z.string(), kind: notificationKindSchema, title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: iso, readAt: iso.nullable() });
export const notificationPageSchema = z.object({ items: z.array(appNotificationSchema), total: z.number().int(), unread: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export const notificationPreferencesResponseSchema = z.object({ email: z.string().nullable(), emailKinds: z.array(notificationKindSchema) });
export const unreadCountSchema = z.object({ unread: z.number().int() });
