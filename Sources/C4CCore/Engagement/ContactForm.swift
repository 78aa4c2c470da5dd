/// What a contact message must hold.
public enum ContactForm {
    public static let subjectLimit = 200
    public static let messageLimit = 10_000

    public static func errors(name: String, email: String, subject: String, message: String) -> FieldErrors {
        var errors = FieldErrors()
        if name.isEmpty { errors.add("name", "error_field_name") }
        if name.count > MailingList.nameLimit { errors.add("name", "error_field_too_long") }
        if !Validate.isEmail(email) { errors.add("email", "error_field_email") }
        if subject.count > subjectLimit { errors.add("subject", "error_field_too_long") }
        if message.isEmpty { errors.add("message", "contact_error_message") }
        if message.count > messageLimit { errors.add("message", "error_field_too_long") }
        return errors
    }
}
