namespace AfterSales.Domain.Tickets;

/// <summary>Where a customer request came in (需求接收渠道).</summary>
public enum Channel
{
    /// <summary>Phone call (电话).</summary>
    Phone,
    /// <summary>Company website form (官网).</summary>
    Web,
    /// <summary>WeChat official account or mini-program (公众号/小程序).</summary>
    Wechat,
    /// <summary>The company's mobile app (APP).</summary>
    App,
    /// <summary>Email (邮件).</summary>
    Email,
    /// <summary>Online chat (在线客服).</summary>
    Chat,
    /// <summary>The customer came to a service point in person (上门).</summary>
    WalkIn,
}
