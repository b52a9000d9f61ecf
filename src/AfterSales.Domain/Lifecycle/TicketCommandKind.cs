namespace AfterSales.Domain.Lifecycle;

/// <summary>The commands that move a ticket through its lifecycle.</summary>
public enum TicketCommandKind
{
    /// <summary>Set or override type, tag and urgency.</summary>
    Classify,
    /// <summary>Give (or give again) the ticket to an engineer.</summary>
    Assign,
    /// <summary>The engineer takes the job.</summary>
    Accept,
    /// <summary>The engineer turns the job down; it goes back to the supervisor.</summary>
    Decline,
    /// <summary>The service begins (arrival on site or start of remote help).</summary>
    Start,
    /// <summary>Pause: waiting for the customer.</summary>
    PauseForCustomer,
    /// <summary>Pause: waiting for spare parts.</summary>
    PauseForParts,
    /// <summary>Continue after a pause.</summary>
    Resume,
    /// <summary>The work is done.</summary>
    Resolve,
    /// <summary>Tell the customer the result; the confirmation clock starts.</summary>
    ReportResult,
    /// <summary>Record the customer's confirmation.</summary>
    Confirm,
    /// <summary>Begin the follow-up visit.</summary>
    StartFollowUp,
    /// <summary>Finish the ticket.</summary>
    Close,
    /// <summary>Cancel a duplicate or withdrawn request.</summary>
    Cancel,
    /// <summary>Open again for a second handling.</summary>
    Reopen,
    /// <summary>No engineer can take the ticket: it waits for the supervisor to assign by hand.</summary>
    Queue,
    /// <summary>The engineer did not answer the offer in time; it goes to the next candidate.</summary>
    LapseOffer,
    /// <summary>Record the visit or call time agreed with the customer.</summary>
    Appoint,
    /// <summary>Record a visit or remote session (Template 2).</summary>
    RecordVisit,
    /// <summary>Send the customer a quote for chargeable work.</summary>
    ProposeQuote,
    /// <summary>The customer agrees to the quoted cost.</summary>
    ApproveQuote,
    /// <summary>The customer declines the quoted cost.</summary>
    RefuseQuote,
    /// <summary>A promise is at risk or broken: tell the assignee, the supervisor or the manager.</summary>
    Escalate,
    /// <summary>Plan the follow-up call.</summary>
    ScheduleFollowUp,
    /// <summary>Record a follow-up call attempt.</summary>
    RecordCall,
    /// <summary>Record the satisfaction survey's answers.</summary>
    RecordSurvey,
    /// <summary>Send the customer the link for what waits for them (quote, confirmation, survey) again by SMS.</summary>
    ResendLink,
    /// <summary>Open the customer's page on a staff member's device (signing on site), recorded with who opened it.</summary>
    IssueDeviceLink,
    /// <summary>The customer has not confirmed by the reminder point: remind them by SMS, with a fresh link (the system's own command).</summary>
    RemindCustomer,
}
