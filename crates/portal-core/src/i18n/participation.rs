//! The words of the consultations, the questions and answers, and their forms (the look-up app).

texts! {
    /// The consultations' and the answers' pages.
    ParticipationTexts {
        consultations_title: "Lấy ý kiến dự thảo", "Public consultations";
        consultations_description: "Dự thảo văn bản của Thành phố đang và đã lấy ý kiến nhân dân: thời hạn, tài liệu và báo cáo tiếp thu.",
            "Drafts the city puts out for public comment: their periods, files and reports.";
        open_now: "Đang lấy ý kiến", "Open for comment";
        upcoming: "Sắp lấy ý kiến", "Opening soon";
        closed: "Đã kết thúc", "Closed";
        none_open: "Hiện không có dự thảo nào đang lấy ý kiến.", "No draft is open for comment now.";
        /// Days left, counting the closing day: "Còn 3 ngày".
        days_left: "Còn {} ngày", "{} days left";
        last_day: "Hôm nay là ngày cuối", "Today is the last day";
        closes_on: "Hạn góp ý: {}", "Closes {}";
        opens_on: "Bắt đầu nhận ý kiến ngày {}", "Opens {}";
        closed_on: "Đã kết thúc nhận ý kiến ngày {}", "Closed on {}";
        reported: "Đã có báo cáo tiếp thu", "Report published";
        drafted_by: "Cơ quan chủ trì soạn thảo", "Drafted by";
        period: "Thời gian lấy ý kiến", "Consultation period";
        /// "1/12/2026 – 31/12/2026".
        period_range: "{} – {}", "{} to {}";
        state: "Tình trạng", "Status";
        summary: "Tóm tắt dự thảo", "Summary of the draft";
        files: "Tài liệu dự thảo", "Draft documents";
        sections: "Các phần của dự thảo", "Parts of the draft";
        became: "Dự thảo đã được ban hành thành văn bản", "The draft was issued as";
        report: "Báo cáo tiếp thu, giải trình ý kiến", "Report on the comments received";
        /// "Published 10/1/2027: 128 comments received."
        report_facts: "Công bố ngày {}, tổng hợp {} ý kiến.", "Published {}: {} comments received.";
        no_form_closed: "Dự thảo này đã hết thời gian lấy ý kiến nên không nhận thêm góp ý.",
            "This consultation has closed, so it takes no more comments.";
        no_form_upcoming: "Biểu mẫu góp ý sẽ mở khi bắt đầu thời gian lấy ý kiến.",
            "The comment form opens when the consultation does.";
        draft_of: "Dự thảo", "Draft";
        /// On a register document that came from a consultation.
        consulted: "Dự thảo văn bản này đã được lấy ý kiến nhân dân", "The draft of this document was put out for public comment";
        questions_title: "Hỏi đáp", "Questions and answers";
        questions_description: "Câu hỏi của người dân và trả lời của các cơ quan Thành phố, theo lĩnh vực.",
            "Citizens' questions and the city's answers, by field.";
        field: "Lĩnh vực", "Field";
        find: "Tìm trong câu hỏi", "Find in the questions";
        find_hint: "Gõ có dấu hay không dấu đều được.", "With or without diacritics.";
        filter: "Lọc", "Filter";
        clear: "Xem tất cả", "Show all";
        /// The count of answers shown.
        answers_count: "{} câu hỏi đã được trả lời", "{} answered questions";
        answers_one: "1 câu hỏi đã được trả lời", "1 answered question";
        answers_none: "Không có câu hỏi nào khớp với bộ lọc.", "No question matches the filters.";
        ask_link: "Gửi câu hỏi", "Ask a question";
        status_link: "Tra cứu câu hỏi đã gửi", "Look up a question you sent";
        question: "Câu hỏi", "Question";
        /// "Lan (Cầu Giấy) hỏi ngày 3/5/2026".
        asked_by: "{} ({}) hỏi ngày {}", "Asked by {} ({}) on {}";
        answer: "Trả lời", "Answer";
        /// "Sở Y tế trả lời ngày 10/5/2026".
        answered_by: "{} trả lời ngày {}", "Answered by {} on {}";
        related_documents: "Văn bản liên quan", "Related documents";
        ask_title: "Gửi câu hỏi", "Ask a question";
        ask_description: "Gửi câu hỏi tới các cơ quan của Thành phố; câu trả lời được công bố tại mục Hỏi đáp.",
            "Send a question to the city's departments; answers are published in Questions and answers.";
        ask_intro: "Câu hỏi được chuyển tới cơ quan phụ trách lĩnh vực. Khi có trả lời, câu hỏi và trả lời được công bố kèm tên và quận, huyện của bạn; họ tên đầy đủ và thư điện tử không được công bố.",
            "Your question goes to the department in charge of its field. The answer is published with your first name and district; your full name and e-mail address are never published.";
        status_title: "Tra cứu câu hỏi đã gửi", "Look up a question";
        status_description: "Xem tình trạng câu hỏi bằng mã tiếp nhận.", "See a question's state by its reference.";
        status_code: "Mã tiếp nhận", "Reference";
        status_hint: "Mã trên giấy biên nhận, ví dụ HD-7K3F9Q2M.", "The code on your receipt, for example HD-7K3F9Q2M.";
        status_find: "Tra cứu", "Look up";
        status_invalid: "Mã tiếp nhận gồm HD và 8 chữ, số, ví dụ HD-7K3F9Q2M.", "A reference is HD and 8 letters and digits, for example HD-7K3F9Q2M.";
        status_unknown: "Không tìm thấy câu hỏi có mã {}. Hãy kiểm tra lại mã trên giấy biên nhận.", "No question has the reference {}. Check the code on your receipt.";
        state_received: "Đã tiếp nhận, đang chờ chuyển cơ quan trả lời.", "Received, waiting to go to the answering department.";
        state_answering: "Cơ quan chức năng đang trả lời.", "Being answered by the department.";
        state_answered: "Đã có trả lời.", "Answered.";
        read_answer: "Đọc câu trả lời", "Read the answer";
        /// "Câu hỏi HD-7K3F9Q2M, gửi ngày 6/12/2026".
        status_of: "Câu hỏi {}, gửi ngày {}", "Question {}, sent on {}";
    }
}

texts! {
    /// The forms: fields, errors, the draft kept on the device, sending and the receipt.
    FormTexts {
        comment_title: "Gửi ý kiến góp ý", "Comment on this draft";
        comment_intro: "Ý kiến của bạn được gửi tới cơ quan soạn thảo và được tổng hợp trong báo cáo tiếp thu. Họ tên, tổ chức và thư điện tử không được công bố.",
            "Your comment goes to the drafting body and is summarised in its report. Your name, organisation and e-mail address are never published.";
        section: "Góp ý cho phần", "Comment on";
        section_all: "Toàn bộ dự thảo", "The whole draft";
        comment: "Nội dung góp ý", "Your comment";
        question_title: "Tiêu đề câu hỏi", "Your question in one line";
        question: "Nội dung câu hỏi", "Your question";
        field: "Lĩnh vực", "Field";
        field_choose: "Chọn lĩnh vực", "Choose a field";
        name: "Họ và tên", "Full name";
        organisation: "Cơ quan, tổ chức", "Organisation";
        district: "Quận, huyện hoặc phường, xã nơi bạn sống", "Your district or ward";
        email: "Thư điện tử", "E-mail address";
        email_hint: "Để nhận thông báo khi có trả lời. Không được công bố.", "For the answer's notice. Never published.";
        email_hint_comment: "Nếu bạn muốn nhận phản hồi. Không được công bố.", "If you would like a reply. Never published.";
        optional: "(không bắt buộc)", "(optional)";
        /// "Bạn có thể nhập tối đa 10.000 ký tự".
        limit: "Bạn có thể nhập tối đa {} ký tự.", "You can enter up to {} characters.";
        /// The count under a long field, said politely.
        left: "Còn {} ký tự", "{} characters left";
        over: "Vượt quá {} ký tự", "{} characters too many";
        consent: "Tôi đồng ý để cơ quan nhà nước xử lý dữ liệu cá nhân tôi cung cấp ở đây, theo", "I agree to the city processing the personal data I give here, as described in";
        privacy: "Thông báo về xử lý dữ liệu cá nhân", "the privacy notice";
        /// The honeypot's label: read by no one but bots.
        website: "Không điền vào ô này", "Leave this empty";
        send: "Gửi", "Send";
        sending: "Đang gửi…", "Sending…";
        kept: "Nội dung bạn nhập được tự động lưu trên thiết bị này cho tới khi gửi thành công, tối đa 30 ngày.",
            "What you type is kept on this device until it is sent, for up to 30 days.";
        restored: "Đã khôi phục nội dung bạn nhập trước đó trên thiết bị này.", "What you typed before on this device is back.";
        discard: "Xóa nội dung đã nhập", "Clear the form";
        needs_script: "Biểu mẫu này cần JavaScript để giữ nội dung bạn nhập và gửi an toàn. Hãy bật JavaScript, hoặc dùng trình duyệt khác.",
            "This form needs JavaScript to keep what you type and send it safely. Turn JavaScript on, or use another browser.";
        error_prefix: "Lỗi", "Error";
        summary_title: "Có lỗi cần sửa", "There is a problem";
        required: "Hãy nhập {}", "Enter {}";
        required_choice: "Hãy chọn {}", "Choose {}";
        required_consent: "Hãy đánh dấu đồng ý để gửi", "Tick the box to agree before sending";
        too_long: "{} không được dài quá {} ký tự", "{} must be {} characters or fewer";
        invalid_email: "Hãy nhập thư điện tử đúng dạng, ví dụ ten@example.vn", "Enter an e-mail address like name@example.com";
        invalid_choice: "Hãy chọn {} trong danh sách", "Choose {} from the list";
        failed_network: "Chưa gửi được vì không kết nối được máy chủ. Nội dung vẫn được giữ nguyên.",
            "Not sent: the server could not be reached. Everything you typed is kept.";
        failed_timeout: "Chưa gửi được vì máy chủ trả lời quá lâu. Nội dung vẫn được giữ nguyên.",
            "Not sent: the server took too long to answer. Everything you typed is kept.";
        failed_server: "Chưa gửi được do lỗi máy chủ ({}). Nội dung vẫn được giữ nguyên.",
            "Not sent: the server failed ({}). Everything you typed is kept.";
        failed_large: "Nội dung quá dài để gửi. Hãy rút ngắn rồi gửi lại.", "Too long to send. Shorten it and send again.";
        too_many: "Bạn vừa gửi nhiều lần liên tiếp. Hãy thử lại sau {} giây; nội dung vẫn được giữ nguyên.",
            "Too many sent in a short time. Try again in {} seconds; everything you typed is kept.";
        closed_now: "Dự thảo đã hết hạn lấy ý kiến ({}), nên ý kiến không gửi được. Nội dung vẫn được giữ trên thiết bị này.",
            "This consultation closed ({}), so the comment could not be sent. It is kept on this device.";
        retry: "Gửi lại", "Send again";
        waiting: "Đang không có mạng. Ý kiến sẽ tự động được gửi khi có mạng trở lại; bạn có thể để trang này mở hoặc quay lại sau.",
            "You are offline. It will be sent by itself when the connection is back; keep this page open or come back later.";
        sent_title: "Đã gửi thành công", "Sent";
        /// "Mã tiếp nhận: YK-…".
        reference: "Mã tiếp nhận của bạn", "Your reference";
        received_at: "Nhận lúc {}", "Received {}";
        comment_receipt: "Ý kiến của bạn đã được ghi nhận và sẽ được tổng hợp trong báo cáo tiếp thu.",
            "Your comment is recorded and will be counted in the report on the comments.";
        question_receipt: "Câu hỏi đã được tiếp nhận. Hãy giữ mã này để tra cứu tình trạng trả lời.",
            "Your question is received. Keep this code to look up its answer.";
        /// Said when a text that could not be sent before went later (back online, the page opened again).
        sent_later: "Nội dung chưa gửi được lúc trước nay đã được gửi thành công.", "What could not be sent before has now been sent.";
        another: "Gửi ý kiến khác", "Send another comment";
        another_question: "Gửi câu hỏi khác", "Ask another question";
    }
}
