/** Names of controls that have no visible label of their own (filters, the speech request form), for screen readers (issue 16). */
export const a11yVi = {
  a11y: {
    meetingStatus: 'Lọc theo trạng thái cuộc họp',
    taskStatus: 'Lọc theo trạng thái nhiệm vụ',
    orgKind: 'Lọc theo loại cơ quan, đơn vị',
    speaker: 'Người phát biểu',
    speechKind: 'Hình thức phát biểu',
    pointCategory: 'Loại kiến nghị thủ tục',
    topic: 'Chủ đề phát biểu',
  },
};

export const a11yEn: typeof a11yVi = {
  a11y: {
    meetingStatus: 'Filter by meeting status',
    taskStatus: 'Filter by task status',
    orgKind: 'Filter by organization kind',
    speaker: 'Speaker',
    speechKind: 'Kind of speech',
    pointCategory: 'Kind of point of order',
    topic: 'Topic',
  },
};
