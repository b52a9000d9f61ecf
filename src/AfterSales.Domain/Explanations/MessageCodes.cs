namespace AfterSales.Domain.Explanations;

/// <summary>
/// The codes of what the product says to people — validation messages, the lifecycle's refusals, the dispatcher's
/// reasons — with their arguments carried in an <see cref="Explanation"/>. A code is part of the API and of stored
/// events: never renamed. The words for each code, per language, are in the application's message catalog.
/// </summary>
public static class MessageCodes
{
    /// <summary>This field is required.</summary>
    public const string Required = "required";
    /// <summary>Required.</summary>
    public const string RequiredShort = "requiredShort";
    /// <summary>At most {0} characters; this has {1}.</summary>
    public const string TooLongHas = "tooLongHas";
    /// <summary>At most {0} characters.</summary>
    public const string TooLong = "tooLong";
    /// <summary>Control characters are not allowed.</summary>
    public const string ControlCharacters = "controlCharacters";
    /// <summary>Not a valid phone number. Use a mainland mobile or landline (13812345678, 010-12345678) or an international number with + and country code.</summary>
    public const string Phone = "phone";
    /// <summary>Use the form yyyy-MM-dd, for example 2026-03-15.</summary>
    public const string Date = "date";
    /// <summary>Use a date in the form yyyy-MM-dd, in the years 2000-2099 (business-local).</summary>
    public const string DateRule = "dateRule";
    /// <summary>Use a date and time with its offset, in the years 2000-2099, for example {0}.</summary>
    public const string Instant = "instant";
    /// <summary>Required: a date and time with its offset, in the years 2000-2099, e.g. {0}.</summary>
    public const string InstantRequired = "instantRequired";
    /// <summary>'{0}' is not a date and time with its offset, in the years 2000-2099, e.g. {1}.</summary>
    public const string InstantWrong = "instantWrong";
    /// <summary>'{0}' is not allowed; use one of: {1}.</summary>
    public const string NotAllowed = "notAllowed";
    /// <summary>This field is required; use one of: {0}.</summary>
    public const string RequiredChoice = "requiredChoice";
    /// <summary>The customer is required: name and phone at least.</summary>
    public const string IntakeCustomer = "intakeCustomer";
    /// <summary>The product is required: model, purchase date and warranty status.</summary>
    public const string IntakeProduct = "intakeProduct";
    /// <summary>The problem description is required: at least the symptom.</summary>
    public const string IntakeDescription = "intakeDescription";
    /// <summary>A second-level tag needs a type: send type as well, or leave both out.</summary>
    public const string IntakeTagNeedsType = "intakeTagNeedsType";
    /// <summary>The purchase date cannot be after today ({0}).</summary>
    public const string IntakePurchaseAfterToday = "intakePurchaseAfterToday";
    /// <summary>The contact time cannot be in the future.</summary>
    public const string IntakeContactFuture = "intakeContactFuture";
    /// <summary>The contact time is more than 7 days ago; register the request without it and explain in the description.</summary>
    public const string IntakeContactTooOld = "intakeContactTooOld";
    /// <summary>The expected resolution time must be in the future.</summary>
    public const string IntakeExpectedPast = "intakeExpectedPast";
    /// <summary>Give latitude (-90..90) and longitude (-180..180) in degrees, or leave location out.</summary>
    public const string IntakeLocation = "intakeLocation";
    /// <summary>A quantity from 1 to 1000.</summary>
    public const string PartQuantity = "partQuantity";
    /// <summary>A unit price in yuan from 0 to {0} (0 under warranty).</summary>
    public const string PartUnitPrice = "partUnitPrice";
    /// <summary>At most {0} parts per visit.</summary>
    public const string PartsPerVisit = "partsPerVisit";
    /// <summary>At most {0} lines per quote.</summary>
    public const string LinesPerQuote = "linesPerQuote";
    /// <summary>Give hours (0-100) and amount in yuan (0-{0}; 0 under warranty).</summary>
    public const string VisitLabour = "visitLabour";
    /// <summary>Labour is 0-{0} yuan.</summary>
    public const string QuoteLabour = "quoteLabour";
    /// <summary>Warranty is 0-120 months.</summary>
    public const string WarrantyMonths = "warrantyMonths";
    /// <summary>Months are 1-120, amounts 0-{0} yuan.</summary>
    public const string CompensationRange = "compensationRange";
    /// <summary>Give the number (AS-20261123-00042) or id of the ticket this one duplicates.</summary>
    public const string DuplicateOf = "duplicateOf";
    /// <summary>Give the survey: at least overall (1-10); attitude, skill and efficiency (1-10) after a service.</summary>
    public const string SurveyMissing = "surveyMissing";
    /// <summary>Required: overall satisfaction from 1 (very dissatisfied) to 10 (very satisfied).</summary>
    public const string SurveyOverall = "surveyOverall";
    /// <summary>'{0}' is not allowed; use yes, maybe or no.</summary>
    public const string SurveyBuyAgain = "surveyBuyAgain";
    /// <summary>A whole number from {0} to 10.</summary>
    public const string SurveyScore = "surveyScore";
    /// <summary>Scores are whole numbers from 1 (very dissatisfied) to 10 (very satisfied).</summary>
    public const string SurveyScores = "surveyScores";
    /// <summary>Likelihood to recommend is 0 (not at all) to 10 (certainly).</summary>
    public const string SurveyRecommend = "surveyRecommend";
    /// <summary>A quote above ¥{0} (this one: ¥{1}) is approved only by the customer through the link sent to their phone; send it again with resend-link.</summary>
    public const string QuoteAboveLimitLink = "quoteAboveLimitLink";
    /// <summary>A quote above ¥{0} (this one: ¥{1}) is approved only on the customer's own phone; send the link with resend-link.</summary>
    public const string QuoteAboveLimitOwnPhone = "quoteAboveLimitOwnPhone";
    /// <summary>Name the engineer to assign.</summary>
    public const string AssignWho = "assignWho";
    /// <summary>Say how the customer answered (e.g. 电话确认 14:05); it is kept in the history.</summary>
    public const string QuoteAnswerHow = "quoteAnswerHow";
    /// <summary>The engineer still has time to answer the offer.</summary>
    public const string OfferStillOpen = "offerStillOpen";
    /// <summary>The window must end after it starts.</summary>
    public const string WindowBackwards = "windowBackwards";
    /// <summary>The window is already over; agree a time that is still to come.</summary>
    public const string WindowOver = "windowOver";
    /// <summary>The visit must end after it starts.</summary>
    public const string VisitBackwards = "visitBackwards";
    /// <summary>The visit cannot start before the request reached us ({0}); check the date.</summary>
    public const string VisitBeforeRequest = "visitBeforeRequest";
    /// <summary>Record a visit once it is over; its end is in the future.</summary>
    public const string VisitInFuture = "visitInFuture";
    /// <summary>The service record needs what was found and what was done.</summary>
    public const string VisitRecord = "visitRecord";
    /// <summary>This work costs the customer ¥{0} in this round, but the approved quotes cover ¥{1}. Send a quote and get the customer's approval before charging.</summary>
    public const string ChargeAboveApproved = "chargeAboveApproved";
    /// <summary>A quote is for chargeable work: give parts or labour with a price.</summary>
    public const string QuoteEmpty = "quoteEmpty";
    /// <summary>Explain the cause and plan, and the risks, before asking the customer to pay.</summary>
    public const string QuotePlan = "quotePlan";
    /// <summary>Quote {0} is no longer the one waiting for an answer.</summary>
    public const string QuoteNotWaiting = "quoteNotWaiting";
    /// <summary>This confirmation is for handling round {0}; the ticket is in round {1}.</summary>
    public const string ConfirmationRound = "confirmationRound";
    /// <summary>Overriding a classification needs a reason; it is kept in the history.</summary>
    public const string OverrideReason = "overrideReason";
    /// <summary>Say why you assign by hand (e.g. the customer asked for this engineer); it is kept in the history.</summary>
    public const string AssignReason = "assignReason";
    /// <summary>The ticket is already assigned to {0}.</summary>
    public const string AlreadyAssigned = "alreadyAssigned";
    /// <summary>Say why ({0}); it is kept in the history.</summary>
    public const string ReasonRequired = "reasonRequired";
    /// <summary>A duplicate names the ticket it duplicates.</summary>
    public const string DuplicateNamesTicket = "duplicateNamesTicket";
    /// <summary>Describe the result.</summary>
    public const string DescribeResult = "describeResult";
    /// <summary>Escalation {0} has already been made.</summary>
    public const string EscalationMade = "escalationMade";
    /// <summary>The customer has already been reminded of {0} in round {1}.</summary>
    public const string AlreadyReminded = "alreadyReminded";
    /// <summary>Round {0} already has its follow-up.</summary>
    public const string FollowUpExists = "followUpExists";
    /// <summary>The product is under warranty: say why the customer pays (e.g. 人为损坏, 耗材, 保修范围外); the customer sees it with the quote.</summary>
    public const string WarrantyChargeQuote = "warrantyChargeQuote";
    /// <summary>The product is under warranty: say why the customer pays for this visit (e.g. 人为损坏, 耗材, 保修范围外), or charge 0.</summary>
    public const string WarrantyChargeVisit = "warrantyChargeVisit";
    /// <summary>Say what was done or answered.</summary>
    public const string ResultSolution = "resultSolution";
    /// <summary>The customer refused quote {0}; send a new quote, or resolve as notRepairedQuoteRefused.</summary>
    public const string ResultQuoteRefused = "resultQuoteRefused";
    /// <summary>No refused quote in this round; choose another outcome.</summary>
    public const string ResultNoRefusedQuote = "resultNoRefusedQuote";
    /// <summary>A repair result names the cause found.</summary>
    public const string ResultCause = "resultCause";
    /// <summary>A complaint result says how the complaint was resolved.</summary>
    public const string ResultComplaint = "resultComplaint";
    /// <summary>Only a follow-up visit (回访类) goes to the follow-up queue before it is served.</summary>
    public const string FollowUpOnlyVisits = "followUpOnlyVisits";
    /// <summary>Round {0}'s follow-up is already {1}.</summary>
    public const string FollowUpDone = "followUpDone";
    /// <summary>No follow-up call is open.</summary>
    public const string NoCallOpen = "noCallOpen";
    /// <summary>No follow-up is open; the survey has already been answered or the task closed.</summary>
    public const string NoFollowUpOpen = "noFollowUpOpen";
    /// <summary>Send the engineer as a JSON object.</summary>
    public const string EngineerBody = "engineerBody";
    /// <summary>Required, at most 50 characters.</summary>
    public const string EngineerName = "engineerName";
    /// <summary>Required: repair, consultation or complaints.</summary>
    public const string EngineerDepartment = "engineerDepartment";
    /// <summary>Give productLine and tag ("*" for any, at most 50 characters) and a level from 1 to 5.</summary>
    public const string EngineerSkill = "engineerSkill";
    /// <summary>At least one skill: the dispatcher only offers work an engineer has a skill for.</summary>
    public const string EngineerSkills = "engineerSkills";
    /// <summary>Give a city (and optionally a district), at most 50 characters each.</summary>
    public const string EngineerRegion = "engineerRegion";
    /// <summary>Give latitude (-90..90) and longitude (-180..180), or leave base out.</summary>
    public const string EngineerBase = "engineerBase";
    /// <summary>From 1 to 100 tickets at once.</summary>
    public const string EngineerLoad = "engineerLoad";
    /// <summary>{0}</summary>
    public const string EngineerDuty = "engineerDuty";
    /// <summary>Give from and to as a date and time with its offset, in the years 2000-2099 (to after from), e.g. 2026-12-01T00:00:00+08:00.</summary>
    public const string EngineerLeave = "engineerLeave";
    /// <summary>Lists hold at most {0} items; certifications are 1-100 characters.</summary>
    public const string EngineerLists = "engineerLists";
    /// <summary>Required: the name the engineer signs in with ({0}).</summary>
    public const string EngineerId = "engineerId";
    /// <summary>Up to {0} sign-in names, each {1}.</summary>
    public const string Supervisors = "supervisors";
    /// <summary>Required: true to dispatch automatically, false for the supervisor to assign by hand.</summary>
    public const string AutoDispatch = "autoDispatch";
    /// <summary>pageSize must be a whole number from 1 to {0}.</summary>
    public const string PageSize = "pageSize";
    /// <summary>pageSize must be between 1 and {0}.</summary>
    public const string PageSizeBetween = "pageSizeBetween";
    /// <summary>Not a continuation token from this API; start again without it.</summary>
    public const string ContinuationToken = "continuationToken";
    /// <summary>An engineer's sign-in name has at most 100 characters.</summary>
    public const string AssignedToLength = "assignedToLength";
    /// <summary>receivedTo must not be before receivedFrom.</summary>
    public const string ReceivedRange = "receivedRange";
    /// <summary>A whole number of working days from -{0} to {0} (negative counts backwards).</summary>
    public const string SlaWorkingDays = "slaWorkingDays";
    /// <summary>endOfDay goes with a forward count of working days only.</summary>
    public const string SlaEndOfDayForward = "slaEndOfDayForward";
    /// <summary>endOfDay is true or false, and only goes with workingDays.</summary>
    public const string SlaEndOfDay = "slaEndOfDay";
    /// <summary>A number from -{0} to {0} minutes (negative counts backwards).</summary>
    public const string SlaMinutes = "slaMinutes";
    /// <summary>Required: a date and time with its offset, in the years 2000-2099, e.g. 2026-09-30T16:30:00+08:00.</summary>
    public const string SlaStart = "slaStart";
    /// <summary>The answer is more than {0} days away on this calendar; use a smaller amount or more working hours.</summary>
    public const string SlaTooFar = "slaTooFar";
    /// <summary>inactive</summary>
    public const string RuledOutInactive = "ruledOutInactive";
    /// <summary>department {0}, not {1}</summary>
    public const string RuledOutDepartment = "ruledOutDepartment";
    /// <summary>no skill for {0} / {1}</summary>
    public const string RuledOutSkill = "ruledOutSkill";
    /// <summary>does not cover {0}</summary>
    public const string RuledOutRegion = "ruledOutRegion";
    /// <summary>on leave</summary>
    public const string RuledOutLeave = "ruledOutLeave";
    /// <summary>off duty</summary>
    public const string RuledOutOffDuty = "ruledOutOffDuty";
    /// <summary>at maximum load ({0}/{1})</summary>
    public const string RuledOutLoad = "ruledOutLoad";
    /// <summary>already declined or let the offer lapse in this round</summary>
    public const string RuledOutDeclined = "ruledOutDeclined";
    /// <summary>reached maximum load while this ticket was being dispatched</summary>
    public const string RuledOutLoadRace = "ruledOutLoadRace";
    /// <summary>{0}</summary>
    public const string Stored = "stored";
    /// <summary>An Idempotency-Key cannot be empty; leave the header out or send a unique value such as a UUID.</summary>
    public const string IdempotencyKeyEmpty = "idempotencyKeyEmpty";
    /// <summary>An Idempotency-Key has at most {0} characters.</summary>
    public const string IdempotencyKeyLength = "idempotencyKeyLength";
    /// <summary>An Idempotency-Key uses printable ASCII characters only (a UUID is a good choice).</summary>
    public const string IdempotencyKeyCharacters = "idempotencyKeyCharacters";
    /// <summary>No signature arrived; sign in the box.</summary>
    public const string SignatureMissing = "signatureMissing";
    /// <summary>The signature image is not valid; clear it and sign again.</summary>
    public const string SignatureInvalid = "signatureInvalid";
    /// <summary>The signature image cannot be read; clear it and sign again.</summary>
    public const string SignatureUnreadable = "signatureUnreadable";
    /// <summary>This kind of signature image is not supported; sign in the box on this page.</summary>
    public const string SignatureFormat = "signatureFormat";
    /// <summary>The signature image is too large; clear it and sign again in the box on this page.</summary>
    public const string SignatureTooLarge = "signatureTooLarge";
    /// <summary>A comment has at most {0} characters.</summary>
    public const string CommentTooLong = "commentTooLong";
    /// <summary>The system is busy; please submit again in a moment.</summary>
    public const string Busy = "busy";
    /// <summary>No engineer '{0}'. Add them with POST /api/engineers, or pick one from GET /api/engineers.</summary>
    public const string EngineerUnknown = "engineerUnknown";
    /// <summary>The signature is too short or empty; sign your name in the box with a finger or the mouse.</summary>
    public const string SignatureTooShort = "signatureTooShort";
    /// <summary>Enter a number (for example 2 or 12.5).</summary>
    public const string Number = "number";
    /// <summary>Not delivered in time ({0}): the phone may be off or out of coverage. Call the customer later.</summary>
    public const string SmsExpired = "smsExpired";
    /// <summary>The operator could not deliver it ({0}): the number may be out of service, unassigned or in arrears. Check the number by phone.</summary>
    public const string SmsUndeliverable = "smsUndeliverable";
    /// <summary>Refused by the operator ({0}): the phone may block messages from the service. Reach the customer by phone.</summary>
    public const string SmsRejected = "smsRejected";
    /// <summary>The number cannot receive it ({0}). Check the customer's phone number, correct it and send again.</summary>
    public const string SmsBadNumber = "smsBadNumber";
    /// <summary>The provider refused the signature or template ({0}). A manager should check the approved signature and template codes.</summary>
    public const string SmsTemplateRefused = "smsTemplateRefused";
    /// <summary>The provider's limit for this number was reached ({0}). Call the customer.</summary>
    public const string SmsLimited = "smsLimited";
    /// <summary>The SMS account is out of credit or suspended ({0}). A manager should top it up.</summary>
    public const string SmsAccount = "smsAccount";
    /// <summary>No attempt of {0} went through; sending stopped. Call the customer.</summary>
    public const string SmsGaveUp = "smsGaveUp";
    /// <summary>Not sent or not delivered ({0}). Call the customer.</summary>
    public const string SmsFailed = "smsFailed";
    /// <summary>This value cannot be read here; choose or type it again.</summary>
    public const string FormValue = "formValue";
    /// <summary>Nothing due.</summary>
    public const string NothingDue = "nothingDue";
    /// <summary>{0}: {1}: {2}</summary>
    public const string TimerTicketFailed = "timerTicketFailed";
    /// <summary>{0} ticket(s) with SMS work: {1} sent, {2} kept in the local outbox, {3} to retry, {4} failed, {5} cancelled, {6} deferred.</summary>
    public const string TimerSms = "timerSms";
    /// <summary>{0:entries}: {1} ticket(s) escalated, {2} with nothing due, {3} failed.</summary>
    public const string TimerEscalations = "timerEscalations";
    /// <summary>{0}: {1} round {2} {3} → {4}</summary>
    public const string TimerEscalated = "timerEscalated";
    /// <summary>{0}: follow-up ({1}) opened for {2}.</summary>
    public const string TimerFollowUpOpenedFor = "timerFollowUpOpenedFor";
    /// <summary>{0}: follow-up ({1}) opened for the follow-up queue.</summary>
    public const string TimerFollowUpOpenedQueue = "timerFollowUpOpenedQueue";
    /// <summary>{0} follow-up(s) opened, {1:stale} dropped, {2} failed.</summary>
    public const string TimerFollowUps = "timerFollowUps";
    /// <summary>{0}: orchestration started for round {1}.</summary>
    public const string TimerStarted = "timerStarted";
    /// <summary>{0} owed start(s): {1} orchestration(s) started.</summary>
    public const string TimerStarts = "timerStarts";
    /// <summary>{0}: orchestration not updated since {1}; woken.</summary>
    public const string TimerWoken = "timerWoken";
    /// <summary>{0}: orchestration had none; started for round {1}.</summary>
    public const string TimerRestartedNone = "timerRestartedNone";
    /// <summary>{0}: orchestration was {1}; started for round {2}.</summary>
    public const string TimerRestarted = "timerRestarted";
    /// <summary>{0} open ticket(s): {1} orchestration(s) started, {2} stuck one(s) woken.</summary>
    public const string TimerReconciled = "timerReconciled";
    /// <summary>Removed {0} expired idempotency record(s) older than {1}.</summary>
    public const string TimerIdempotency = "timerIdempotency";
    /// <summary>Removed {0} assignment-index entr(ies) no ticket backs.</summary>
    public const string TimerAssignments = "timerAssignments";
    /// <summary>Every ticket is in the ticket index ({0} stored earlier indexed now).</summary>
    public const string TimerIndexDone = "timerIndexDone";
    /// <summary>Indexed {0} ticket(s) stored before the ticket index; more remain for the next run.</summary>
    public const string TimerIndexMore = "timerIndexMore";
    /// <summary>Day {0}: the {1} report is made on the 1st (caught up until day {2}).</summary>
    public const string ReportNotToday = "reportNotToday";
    /// <summary>The {0} report is already stored.</summary>
    public const string ReportStoredAlready = "reportStoredAlready";
    /// <summary>The {0} report is being made by run {1}.</summary>
    public const string ReportBeingMade = "reportBeingMade";
    /// <summary>Report {0} stored (run {1}, {2} projection rows read).</summary>
    public const string ReportStored = "reportStored";
    /// <summary>Report {0} failed (run {1}): {2}</summary>
    public const string ReportFailed = "reportFailed";
    /// <summary>… {0} more line(s) in the host's log.</summary>
    public const string TimerMoreLines = "timerMoreLines";
    /// <summary>A message of the HTTP API about the request itself (its JSON, headers or query), which only API callers see: in English.</summary>
    public const string ApiText = "apiText";
}
