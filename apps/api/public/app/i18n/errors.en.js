// Refusal texts in English, one per code the API sends (apps/api/src/common/error-codes.ts, the DTO
// rules' names, libs/domain/src/refusal-codes.ts). `err.<code>@<field>` words a code for one field.
// A unit test fails when a code has no text here or in errors.vi.js.
export default {
  'err.generic': 'Something went wrong. Please try again.',
  'err.generic.field': 'This value is not valid.',

  // Rules of the request forms (class-validator and the project's own).
  'err.isNotEmpty': 'Please fill this in.',
  'err.isNotEmpty@categoryCode': 'Please choose a category.',
  'err.isString': 'Please enter text.',
  'err.maxLength': 'At most {max} characters.',
  'err.minLength': 'At least {min} characters.',
  'err.max': 'Must not be more than {max}.',
  'err.min': 'Must not be less than {min}.',
  'err.isInt': 'Please enter a whole number.',
  'err.isIn': 'Please choose a value from the list.',
  'err.isUuid': 'Please choose an item from the list.',
  'err.isUuid@localityUnitId': 'Please choose a commune or district.',
  'err.isArray': 'Please send a list.',
  'err.arrayMaxSize': 'At most {max} items.',
  'err.isEmail': 'Please enter a valid email address.',
  'err.isBoolean': 'Please choose yes or no.',
  'err.isDateString': 'Please enter a date (day/month/year).',
  'err.isUrl': 'Please enter a link starting with http:// or https://.',
  'err.matches': 'This value is not in the expected format.',
  'err.matches@username': 'A username is 3–50 letters, digits, dots, dashes or underscores.',
  'err.matches@code': 'A code is 2–50 lowercase letters, digits or dashes.',
  'err.matches@at': 'Please enter a time as HH:MM.',
  'err.nestedValidation': 'The contents of this item are not valid.',
  'err.whitelistValidation': 'This field may not be sent.',
  'err.unknownValue': 'The request is not in the expected form.',
  'err.inCalendarYears': 'The date must fall in the years {first}–{last}.',
  'err.budgetYearFitsPlanDate':
    "The budget year must be the plan date's year or the year before it (carried over).",
  'err.vndAmount': 'Please enter the amount in digits, e.g. 1.500.000.000.',
  'err.vndAmountDecimal': 'The amount must be a whole number of đồng, without a decimal part.',
  'err.vndAmountAmbiguous':
    'A single comma is a decimal mark in Vietnamese: write 1500 or 1.500 for fifteen hundred.',
  'err.vndAmountTooLarge': 'The amount is too large (it must be below 10^16 đồng).',

  // The request as a whole.
  'err.validation.failed': 'Please correct the marked fields.',
  'err.request.body-too-large': 'The request is too large.',
  'err.request.body-not-json': 'The request cannot be read.',
  'err.request.body-too-deep': 'The request nests too many levels.',
  'err.request.body-not-utf8': 'The request must be encoded as UTF-8.',
  'err.request.body-unreadable': 'The request cannot be read.',
  'err.text.nul-character': 'The text contains an invalid character (NUL).',
  'err.text.lone-surrogate': 'The text contains an invalid character.',

  // Signing in and access.
  'err.auth.sign-in-required': 'Please sign in.',
  'err.auth.token-expired': 'Your session has expired. Please sign in again.',
  'err.auth.token-revoked': 'Your session has ended. Please sign in again.',
  'err.auth.wrong-credentials': 'Wrong username or password.',
  'err.auth.address-throttled': 'Too many failed sign-ins from this address. Please try again later.',
  'err.auth.account-locked':
    'This username is locked for a while after repeated failed sign-ins. Please try again later.',
  'err.auth.account-inactive': 'This account is deactivated.',
  'err.auth.no-session': 'This browser is not signed in. Please sign in.',
  'err.auth.session-reused': 'This session was used twice and has been ended. Please sign in again.',
  'err.auth.session-ended': 'The session has ended. Please sign in again.',
  'err.auth.role-not-allowed': 'Your role may not use this function.',
  'err.auth.no-access-rule': 'Nobody has been given access to this function.',
  'err.auth.metrics-token-required': 'Monitoring figures need an access token.',
  'err.auth.metrics-local-only': 'Monitoring figures can be read on the server only.',
  'err.report.own-unit-only': "A unit head sees their own unit's report only.",
  'err.dashboard.own-unit-only': "Unit staff see their own unit's figures only.",

  // Something named that does not exist.
  'err.recommendation.not-found': 'This recommendation does not exist, or you may not see it.',
  'err.user.not-found': 'This account does not exist.',
  'err.unit.not-found': 'This unit does not exist.',
  'err.routing-rule.not-found': 'This routing rule does not exist.',
  'err.sla-policy.not-found': 'This deadline policy does not exist.',
  'err.notification.not-found': 'This notification does not exist.',
  'err.calendar-override.not-found': 'There is no calendar change on this day.',

  // References that do not fit.
  'err.reference.unknown-unit': 'This unit does not exist.',
  'err.reference.unknown-category': 'This category does not exist.',
  'err.reference.unknown-sla-policy': 'This deadline policy does not exist.',
  'err.reference.unknown-district': 'This district does not exist.',
  'err.reference.unit-cannot-lead': 'This unit cannot lead a recommendation.',
  'err.reference.locality-kind': 'The locality must be a commune or a district.',
  'err.reference.followed-unit-kind': 'Followed localities must be communes or districts.',
  'err.reference.unit-required': 'This role must belong to a unit.',
  'err.reference.own-parent': 'A unit cannot be its own parent.',
  'err.idempotency.key-reused':
    'This recommendation was already sent with other content. Please reload the page.',
  'err.idempotency.key-format': 'The request was malformed. Please reload the page.',
  'err.user.username-taken': 'This username is taken.',
  'err.user.last-admin': 'This is the last active admin: make another admin first.',
  'err.code.taken': 'This code is taken.',

  // Ranges and dates.
  'err.range.end-before-start': 'The end date must not be before the start date.',
  'err.range.too-long': 'The period is too long.',
  'err.range.validity-end-before-start': 'The end of validity must be after its start.',
  'err.calendar.already-working-day': 'This day is already a working day.',
  'err.report.unit-or-district': 'Choose a unit or a district, not both.',
  'err.list.unknown-cursor': 'The list has changed. Please reload.',
  'err.list.needs-own-unit': 'Only a member of a unit can list the items the unit handled.',
  'err.notifications.preferences-empty': 'Choose whether to receive email, or immediate or a daily digest.',
  'err.action.rate-limited':
    'You have taken many actions in the last minute. Please wait a moment and try again.',
  'err.submission.rate-limited':
    'You have submitted many recommendations in the last minute. Please wait a moment and submit again.',

  // The service, and refusals known only by their status.
  'err.database.unavailable': 'The system is unavailable for a moment. Please retry in a few seconds.',
  'err.database.query-timeout':
    'The system took too long to answer. Please retry in a few seconds, or ask for a shorter period.',
  'err.request.invalid': 'The request is not valid.',
  'err.request.forbidden': 'You may not do this.',
  'err.request.not-found': 'Not found.',
  'err.request.conflict': 'This cannot be done now: the data has changed.',
  'err.request.too-large': 'The request is too large.',
  'err.request.unprocessable': 'The data does not fit.',
  'err.request.throttled': 'Too many attempts. Please wait a moment.',
  'err.request.failed': 'Something went wrong. Please try again.',
  'err.invalid': 'This value is not valid.',

  // The lifecycle's rules.
  'err.lifecycle.not-allowed-in-state': 'Cannot “{action}” while the recommendation is “{status}”.',
  'err.lifecycle.no-pending-opinion': 'No coordinating opinion is pending.',
  'err.lifecycle.extension-already-pending': 'An extension request is already waiting for a decision.',
  'err.lifecycle.no-pending-extension': 'No extension request is pending.',
  'err.lifecycle.only-triage-office': 'Only the Provincial Party Office routes this recommendation.',
  'err.lifecycle.only-lead-unit': 'Only an officer or head of the lead unit may do this.',
  'err.lifecycle.only-pending-coordinator': 'Only a coordinating unit whose opinion is pending may give it.',
  'err.lifecycle.only-submitter': 'Only the cadre who submitted the recommendation may do this.',
  'err.lifecycle.only-standing-committee': 'Only a Standing Committee member may issue a directive.',
  'err.lifecycle.only-head-above':
    'Only the head of the lead unit (not the requester) or of its supervising body may decide an extension.',
  'err.lifecycle.action-mismatch': 'The action does not match the request.',
  'err.lifecycle.route-to-triage-office': 'Please choose a unit other than the Provincial Party Office.',
  'err.lifecycle.lead-also-coordinates': 'The lead unit cannot also coordinate.',
  'err.lifecycle.reason-required': 'Please give a reason.',
  'err.lifecycle.already-with-unit': 'The recommendation is already with this unit.',
  'err.lifecycle.response-required': 'Please write a response.',
  'err.lifecycle.plan-date-required': 'Please enter the planned completion date.',
  'err.lifecycle.budget-year-required': 'Please enter the budget year.',
  'err.lifecycle.budget-year-mismatch':
    "The budget year must be {first} or {last}: the plan date's year ({planYear}) or the year before it.",
  'err.lifecycle.deadline-required': 'Please enter a new deadline or a number of working days.',
  'err.lifecycle.deadline-either-date-or-days': 'Enter a new deadline or a number of working days, not both.',
  'err.lifecycle.lead-unit-required': 'Please choose the new lead unit.',
  'err.lifecycle.extension-days-range': 'An extension is {min} to {max} working days.',
  'err.pace.item-daily-limit': 'This item has had {limit} actions today. Please go on tomorrow.',
};
