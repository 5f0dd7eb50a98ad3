"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.meetingRoom = exports.meetingUnsubscribeRequestSchema = exports.meetingSubscribeRequestSchema = exports.clockSyncRequestSchema = void 0;
const zod_1 = require("zod");
exports.clockSyncRequestSchema = zod_1.z.object({ clientTime: zod_1.z.number().finite() }).strict();
exports.meetingSubscribeRequestSchema = zod_1.z
    .object({
    meetingId: zod_1.z.uuid(),
    /** the last seq the client applied; the answer carries every later event, or a snapshot if too many */
    afterSeq: zod_1.z.number().int().min(0).optional(),
})
    .strict();
exports.meetingUnsubscribeRequestSchema = zod_1.z.object({ meetingId: zod_1.z.uuid() }).strict();
/** Socket.IO room that receives every event of one meeting. */
const meetingRoom = (meetingId) => `meeting:${meetingId}`;
exports.meetingRoom = meetingRoom;
//# sourceMappingURL=socket.js.map