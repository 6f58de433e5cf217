/** Sources and detail types of the domain events on the bus; shared by publishers, rules and infra. */
export const eventSources = {
  statusReview: 'vip.status-review',
} as const;

export const eventTypes = {
  segmentRequested: 'StatusReviewSegmentRequested',
  reviewCompleted: 'StatusReviewCompleted',
  statusChanged: 'AccountStatusChanged',
} as const;
