package io.bazaar.crm.message.app;

import io.bazaar.crm.message.domain.RenderedMessage;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message templates per locale (fa and en). Placeholders are {@code {name}}; values are HTML-escaped
 * in the HTML part. Persian HTML is marked {@code lang="fa" dir="rtl"} so clients lay it out right to
 * left, and user-supplied values are isolated with {@code <bdi>} so a Latin name cannot flip the line.
 */
public final class MessageTemplates {
    public static final String WELCOME = "welcome";
    public static final String PROMOTION = "promotion";
    public static final String SURVEY_INVITE = "survey_invite";
    public static final String ORDER_CONFIRMATION = "order_confirmation";
    public static final String PAYMENT_RECEIVED = "payment_received";
    public static final String ORDER_SHIPPED = "order_shipped";
    public static final String ORDER_DELIVERED = "order_delivered";
    public static final String REFUND_ISSUED = "refund_issued";
    /** Marketing: asks for product reviews after delivery (follow-up rules, issue #7). */
    public static final String REVIEW_REQUEST = "review_request";
    // ---- Return updates (issue #6) ----
    public static final String RETURN_APPROVED = "return_approved";
    public static final String RETURN_REJECTED = "return_rejected";
    public static final String RETURN_RECEIVED = "return_received";
    public static final String RETURN_REFUNDED = "return_refunded";
    // ---- Segments and campaigns (issue #8): occasion greetings, all marketing ----
    public static final String BIRTHDAY = "birthday";
    public static final String PURCHASE_ANNIVERSARY = "purchase_anniversary";
    public static final String NEW_PRODUCTS = "new_products";
    // ---- end ----

    private record Template(String subject, String text, String body) {
    }

    private static final Map<String, Template> ORDER_TEMPLATES = Map.of(
            ORDER_CONFIRMATION + ".en", new Template("Your order {order_number}",
                    """
                    Hello {name},

                    Thank you for your order {order_number} at {shop}.

                    {items}
                    Total: {total}

                    We will let you know when it ships.

                    {shop}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Thank you for your order <bdi>{order_number}</bdi> at {shop}.</p>"
                            + "<p style=\"white-space:pre-line\">{items}</p><p><strong>Total: <bdi>{total}</bdi></strong></p>"
                            + "<p>We will let you know when it ships.</p><p>{shop}</p>"),
            ORDER_CONFIRMATION + ".fa", new Template("سفارش {order_number} شما ثبت شد",
                    """
                    {name} عزیز، سلام

                    از خرید شما از {shop} سپاسگزاریم. سفارش شما با شماره {order_number} ثبت شد.

                    {items}
                    مبلغ کل: {total}

                    هنگام ارسال سفارش به شما خبر می‌دهیم.

                    {shop}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>از خرید شما از {shop} سپاسگزاریم. سفارش شما با شماره "
                            + "<bdi>{order_number}</bdi> ثبت شد.</p><p style=\"white-space:pre-line\">{items}</p>"
                            + "<p><strong>مبلغ کل: <bdi>{total}</bdi></strong></p><p>هنگام ارسال سفارش به شما خبر می‌دهیم.</p>"
                            + "<p>{shop}</p>"),
            PAYMENT_RECEIVED + ".en", new Template("Payment received for order {order_number}",
                    """
                    Hello {name},

                    We received your payment of {total} for order {order_number}. We are preparing it now.

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>We received your payment of <bdi>{total}</bdi> for order "
                            + "<bdi>{order_number}</bdi>. We are preparing it now.</p><p style=\"font-size:12px\">"
                            + "<a href=\"{unsubscribe_url}\">Stop order updates by email</a></p>"),
            PAYMENT_RECEIVED + ".fa", new Template("پرداخت سفارش {order_number} دریافت شد",
                    """
                    {name} عزیز، سلام

                    مبلغ {total} برای سفارش {order_number} دریافت شد و سفارش شما در حال آماده‌سازی است.

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>مبلغ <bdi>{total}</bdi> برای سفارش <bdi>{order_number}</bdi> "
                            + "دریافت شد و سفارش شما در حال آماده‌سازی است.</p><p style=\"font-size:12px\">"
                            + "<a href=\"{unsubscribe_url}\">لغو دریافت اطلاع‌رسانی سفارش</a></p>"));

    private static final String STOP_EN = "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">Stop order updates by email</a></p>";
    private static final String STOP_FA = "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">لغو دریافت اطلاع‌رسانی سفارش</a></p>";

    private static final Map<String, Template> UPDATE_TEMPLATES = Map.of(
            ORDER_SHIPPED + ".en", new Template("Order {order_number} is on its way",
                    """
                    Hello {name},

                    Your order {order_number} has shipped with {carrier}. Tracking number: {tracking_number}

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Your order <bdi>{order_number}</bdi> has shipped with "
                            + "<bdi>{carrier}</bdi>. Tracking number: <bdi>{tracking_number}</bdi></p>" + STOP_EN),
            ORDER_SHIPPED + ".fa", new Template("سفارش {order_number} ارسال شد",
                    """
                    {name} عزیز، سلام

                    سفارش {order_number} با {carrier} ارسال شد. کد رهگیری: {tracking_number}

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>سفارش <bdi>{order_number}</bdi> با <bdi>{carrier}</bdi> "
                            + "ارسال شد. کد رهگیری: <bdi>{tracking_number}</bdi></p>" + STOP_FA),
            ORDER_DELIVERED + ".en", new Template("Order {order_number} was delivered",
                    """
                    Hello {name},

                    Your order {order_number} was delivered. We hope you enjoy it.

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Your order <bdi>{order_number}</bdi> was delivered. "
                            + "We hope you enjoy it.</p>" + STOP_EN),
            ORDER_DELIVERED + ".fa", new Template("سفارش {order_number} تحویل شد",
                    """
                    {name} عزیز، سلام

                    سفارش {order_number} به شما تحویل داده شد. امیدواریم از خرید خود لذت ببرید.

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>سفارش <bdi>{order_number}</bdi> به شما تحویل داده شد. "
                            + "امیدواریم از خرید خود لذت ببرید.</p>" + STOP_FA),
            REFUND_ISSUED + ".en", new Template("Refund of {total} for order {order_number}",
                    """
                    Hello {name},

                    We refunded {total} for order {order_number}. Depending on your bank it can take a few days to show.

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>We refunded <bdi>{total}</bdi> for order <bdi>{order_number}</bdi>. "
                            + "Depending on your bank it can take a few days to show.</p>" + STOP_EN),
            REFUND_ISSUED + ".fa", new Template("بازپرداخت {total} برای سفارش {order_number}",
                    """
                    {name} عزیز، سلام

                    مبلغ {total} برای سفارش {order_number} به شما بازپرداخت شد. بسته به بانک شما ممکن است چند روز طول بکشد.

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>مبلغ <bdi>{total}</bdi> برای سفارش <bdi>{order_number}</bdi> "
                            + "به شما بازپرداخت شد. بسته به بانک شما ممکن است چند روز طول بکشد.</p>" + STOP_FA));

    // ---- Follow-ups (issue #7) ----
    private static final Map<String, Template> FOLLOW_UP_TEMPLATES = Map.of(
            REVIEW_REQUEST + ".en", new Template("How do you like your order {order_number}?",
                    """
                    Hello {name},

                    Your order {order_number} arrived a few days ago. Would you review what you bought? \
                    Your review helps other customers choose.

                    {items}
                    Unsubscribe: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Your order <bdi>{order_number}</bdi> arrived a few days ago. "
                            + "Would you review what you bought? Your review helps other customers choose.</p>"
                            + "<p><a href=\"{review_url}\">Write a review</a></p>"
                            + "<p style=\"white-space:pre-line\">{items}</p>"
                            + "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">Unsubscribe</a></p>"),
            REVIEW_REQUEST + ".fa", new Template("از سفارش {order_number} راضی هستید؟",
                    """
                    {name} عزیز، سلام

                    چند روز از تحویل سفارش {order_number} می‌گذرد. لطفاً درباره کالاهایی که خریدید نظر بنویسید؛ \
                    نظر شما به دیگر مشتریان در انتخاب کمک می‌کند.

                    {items}
                    لغو اشتراک: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>چند روز از تحویل سفارش <bdi>{order_number}</bdi> می‌گذرد. "
                            + "لطفاً درباره کالاهایی که خریدید نظر بنویسید؛ نظر شما به دیگر مشتریان در انتخاب کمک می‌کند.</p>"
                            + "<p><a href=\"{review_url}\">نوشتن نظر</a></p>"
                            + "<p style=\"white-space:pre-line\">{items}</p>"
                            + "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">لغو اشتراک</a></p>"));
    // ---- end ----

    // ---- Return updates (issue #6): order updates, so they carry the order-updates unsubscribe link ----
    private static final Map<String, Template> RETURN_TEMPLATES = Map.of(
            RETURN_APPROVED + ".en", new Template("Your return for order {order_number} is approved",
                    """
                    Hello {name},

                    We approved your return for order {order_number}. Please send the items back to us.
                    {message}

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>We approved your return for order <bdi>{order_number}</bdi>. "
                            + "Please send the items back to us.</p><p><bdi>{message}</bdi></p>" + STOP_EN),
            RETURN_APPROVED + ".fa", new Template("درخواست مرجوعی سفارش {order_number} تأیید شد",
                    """
                    {name} عزیز، سلام

                    درخواست مرجوعی شما برای سفارش {order_number} تأیید شد. لطفاً کالاها را برای ما بفرستید.
                    {message}

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>درخواست مرجوعی شما برای سفارش <bdi>{order_number}</bdi> "
                            + "تأیید شد. لطفاً کالاها را برای ما بفرستید.</p><p><bdi>{message}</bdi></p>" + STOP_FA),
            RETURN_REJECTED + ".en", new Template("Your return for order {order_number} was not accepted",
                    """
                    Hello {name},

                    We could not accept your return for order {order_number}.
                    {message}

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>We could not accept your return for order "
                            + "<bdi>{order_number}</bdi>.</p><p><bdi>{message}</bdi></p>" + STOP_EN),
            RETURN_REJECTED + ".fa", new Template("درخواست مرجوعی سفارش {order_number} پذیرفته نشد",
                    """
                    {name} عزیز، سلام

                    متأسفانه درخواست مرجوعی شما برای سفارش {order_number} پذیرفته نشد.
                    {message}

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>متأسفانه درخواست مرجوعی شما برای سفارش "
                            + "<bdi>{order_number}</bdi> پذیرفته نشد.</p><p><bdi>{message}</bdi></p>" + STOP_FA),
            RETURN_RECEIVED + ".en", new Template("We received your return for order {order_number}",
                    """
                    Hello {name},

                    The items you returned from order {order_number} arrived. We will let you know when the refund is on its way.

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>The items you returned from order <bdi>{order_number}</bdi> "
                            + "arrived. We will let you know when the refund is on its way.</p>" + STOP_EN),
            RETURN_RECEIVED + ".fa", new Template("کالاهای مرجوعی سفارش {order_number} رسید",
                    """
                    {name} عزیز، سلام

                    کالاهای مرجوعی سفارش {order_number} به دست ما رسید. هنگام بازپرداخت به شما خبر می‌دهیم.

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>کالاهای مرجوعی سفارش <bdi>{order_number}</bdi> به دست ما "
                            + "رسید. هنگام بازپرداخت به شما خبر می‌دهیم.</p>" + STOP_FA),
            RETURN_REFUNDED + ".en", new Template("Your return for order {order_number} is refunded: {total}",
                    """
                    Hello {name},

                    We refunded {total} for the items you returned from order {order_number}. Depending on your bank it can take a few days to show.

                    Stop order updates by email: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>We refunded <bdi>{total}</bdi> for the items you returned from "
                            + "order <bdi>{order_number}</bdi>. Depending on your bank it can take a few days to show.</p>"
                            + STOP_EN),
            RETURN_REFUNDED + ".fa", new Template("بازپرداخت مرجوعی سفارش {order_number}: {total}",
                    """
                    {name} عزیز، سلام

                    مبلغ {total} برای کالاهای مرجوعی سفارش {order_number} به شما بازپرداخت شد. بسته به بانک شما ممکن است چند روز طول بکشد.

                    لغو دریافت اطلاع‌رسانی سفارش: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>مبلغ <bdi>{total}</bdi> برای کالاهای مرجوعی سفارش "
                            + "<bdi>{order_number}</bdi> به شما بازپرداخت شد. بسته به بانک شما ممکن است چند روز طول بکشد.</p>"
                            + STOP_FA));
    // ---- end ----

    private static final Map<String, Template> TEMPLATES = merge(merge(merge(merge(ORDER_TEMPLATES,
            UPDATE_TEMPLATES), FOLLOW_UP_TEMPLATES), RETURN_TEMPLATES), Map.of(
            WELCOME + ".en", new Template("Welcome to {shop}",
                    """
                    Hello {name},

                    Thank you for creating your account at {shop}. You can now track your orders, \
                    save addresses and manage your preferences.

                    {shop}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Thank you for creating your account at {shop}. You can now "
                            + "track your orders, save addresses and manage your preferences.</p><p>{shop}</p>"),
            WELCOME + ".fa", new Template("به {shop} خوش آمدید",
                    """
                    {name} عزیز، سلام

                    از اینکه در {shop} حساب کاربری ساختید سپاسگزاریم. اکنون می‌توانید سفارش‌های خود را پیگیری کنید، \
                    نشانی‌ها را ذخیره کنید و تنظیمات خود را مدیریت کنید.

                    {shop}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>از اینکه در {shop} حساب کاربری ساختید سپاسگزاریم. "
                            + "اکنون می‌توانید سفارش‌های خود را پیگیری کنید، نشانی‌ها را ذخیره کنید و تنظیمات خود را "
                            + "مدیریت کنید.</p><p>{shop}</p>"),
            PROMOTION + ".en", new Template("{headline}",
                    """
                    Hello {name},

                    {text}

                    Unsubscribe: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>{text}</p>"
                            + "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">Unsubscribe</a></p>"),
            PROMOTION + ".fa", new Template("{headline}",
                    """
                    {name} عزیز، سلام

                    {text}

                    لغو اشتراک: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>{text}</p>"
                            + "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">لغو اشتراک</a></p>"),
            SURVEY_INVITE + ".en", new Template("How are we doing?",
                    """
                    Hello {name},

                    Would you tell us how your experience with {shop} was? It takes a minute.

                    {survey_url}

                    Unsubscribe from surveys: {unsubscribe_url}""",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Would you tell us how your experience with {shop} was? "
                            + "It takes a minute.</p><p><a href=\"{survey_url}\">Answer the survey</a></p><p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">"
                            + "Unsubscribe from surveys</a></p>"),
            SURVEY_INVITE + ".fa", new Template("نظر شما برای ما مهم است",
                    """
                    {name} عزیز، سلام

                    لطفاً تجربه خود از {shop} را با ما در میان بگذارید. فقط یک دقیقه زمان می‌برد.

                    {survey_url}

                    لغو دریافت نظرسنجی: {unsubscribe_url}""",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>لطفاً تجربه خود از {shop} را با ما در میان بگذارید. "
                            + "فقط یک دقیقه زمان می‌برد.</p><p><a href=\"{survey_url}\">پاسخ به نظرسنجی</a></p><p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">"
                            + "لغو دریافت نظرسنجی</a></p>")));

    // ---- Segments and campaigns (issue #8) ----
    private static final String UNSUB_EN = "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">Unsubscribe</a></p>";
    private static final String UNSUB_FA = "<p style=\"font-size:12px\"><a href=\"{unsubscribe_url}\">لغو اشتراک</a></p>";
    private static final Map<String, Template> OCCASION_TEMPLATES = Map.of(
            BIRTHDAY + ".en", new Template("Happy birthday from {shop}",
                    "Hello {name},\n\nEveryone at {shop} wishes you a happy birthday!\n\nUnsubscribe: {unsubscribe_url}",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>Everyone at {shop} wishes you a happy birthday!</p>" + UNSUB_EN),
            BIRTHDAY + ".fa", new Template("تولدتان مبارک از {shop}",
                    "{name} عزیز، سلام\n\nهمه ما در {shop} تولدتان را تبریک می‌گوییم!\n\nلغو اشتراک: {unsubscribe_url}",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>همه ما در {shop} تولدتان را تبریک می‌گوییم!</p>" + UNSUB_FA),
            PURCHASE_ANNIVERSARY + ".en", new Template("{years} year(s) with {shop}",
                    "Hello {name},\n\n{years} year(s) ago today you placed your first order with {shop}. "
                            + "Thank you for staying with us.\n\nUnsubscribe: {unsubscribe_url}",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>{years} year(s) ago today you placed your first order with "
                            + "{shop}. Thank you for staying with us.</p>" + UNSUB_EN),
            PURCHASE_ANNIVERSARY + ".fa", new Template("{years} سال همراهی با {shop}",
                    "{name} عزیز، سلام\n\n{years} سال پیش در چنین روزی اولین خرید خود را از {shop} انجام دادید. "
                            + "از همراهی شما سپاسگزاریم.\n\nلغو اشتراک: {unsubscribe_url}",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>{years} سال پیش در چنین روزی اولین خرید خود را از {shop} "
                            + "انجام دادید. از همراهی شما سپاسگزاریم.</p>" + UNSUB_FA),
            NEW_PRODUCTS + ".en", new Template("New at {shop}",
                    "Hello {name},\n\nNew in the categories you shop in:\n{products}\n\nUnsubscribe: {unsubscribe_url}",
                    "<p>Hello <bdi>{name}</bdi>,</p><p>New in the categories you shop in:</p><pre>{products}</pre>"
                            + UNSUB_EN),
            NEW_PRODUCTS + ".fa", new Template("تازه‌های {shop}",
                    "{name} عزیز، سلام\n\nمحصولات تازه در دسته‌هایی که از آن‌ها خرید کرده‌اید:\n{products}\n\n"
                            + "لغو اشتراک: {unsubscribe_url}",
                    "<p><bdi>{name}</bdi> عزیز، سلام</p><p>محصولات تازه در دسته‌هایی که از آن‌ها خرید کرده‌اید:</p>"
                            + "<pre>{products}</pre>" + UNSUB_FA));
    private static final Map<String, Template> ALL_TEMPLATES = merge(TEMPLATES, OCCASION_TEMPLATES);
    // ---- end ----

    private static Map<String, Template> merge(Map<String, Template> a, Map<String, Template> b) {
        Map<String, Template> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return Map.copyOf(all);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final String shopName;

    public MessageTemplates(String shopName) {
        this.shopName = shopName;
    }

    public static boolean exists(String template) {
        return ALL_TEMPLATES.containsKey(template + ".en");
    }

    /** Supported locales are fa and en; anything else falls back to en. */
    public static String supportedLocale(String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("fa") ? "fa" : "en";
    }

    public RenderedMessage render(String template, String locale, Map<String, String> params) {
        String loc = supportedLocale(locale);
        Template t = ALL_TEMPLATES.get(template + "." + loc);
        if (t == null) {
            throw new IllegalArgumentException("no template " + template);
        }
        Map<String, String> values = new java.util.HashMap<>(params);
        values.putIfAbsent("shop", shopName);
        if (values.get("name") == null || values.get("name").isBlank()) {
            values.put("name", "fa".equals(loc) ? "مشتری" : "customer");
        }
        String dir = "fa".equals(loc) ? "rtl" : "ltr";
        String html = "<!DOCTYPE html><html lang=\"" + loc + "\" dir=\"" + dir + "\"><head><meta charset=\"utf-8\">"
                + "<title>" + fill(t.subject(), values, true) + "</title></head><body dir=\"" + dir
                + "\" style=\"direction:" + dir + ";text-align:" + ("rtl".equals(dir) ? "right" : "left")
                + ";font-family:Tahoma,Arial,sans-serif\">" + fill(t.body(), values, true) + "</body></html>";
        return new RenderedMessage(fill(t.subject(), values, false), fill(t.text(), values, false), html);
    }

    private static String fill(String s, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(v) : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
