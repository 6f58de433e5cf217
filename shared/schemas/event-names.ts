/** Sources and detail types of the domain events on the bus; shared by publishers, rules and infra. */
export const eventSources = {
  statusReview: 'vip.status-review',
  surveys: 'vip.surveys',
  /** The operator's imports (`npx vip import`). */
  imports: 'vip.imports',
} as const;

export const eventTypes = {
  segmentRequested: 'StatusReviewSegmentRequested',
  reviewCompleted: 'StatusReviewCompleted',
  statusChanged: 'AccountStatusChanged',
  surveyWaveOpened: 'SurveyWaveOpened',
  /** The wave opening's own continuation, published when an invocation runs short of time. */
  surveyWaveOpeningRequested: 'SurveyWaveOpeningRequested',
  /** The daily run's continuation (reminders of a big wave). */
  surveyDailyRequested: 'SurveyDailyRequested',
  /** Published by the answer endpoint: {waveKey, invitationId, segment, nps, csi {attrId: score}, ces, answeredAt}; no identities. */
  surveyAnswerRecorded: 'SurveyAnswerRecorded',
  /** A VIP account got occasions whose issue day the daily gift runs already passed: {accountId, importedAt}. */
  giftOccasionsImported: 'GiftOccasionsImported',
} as const;
