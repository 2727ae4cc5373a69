import type { LanguageLexicon } from './lexicon-types.js';

// English phrases as agents and customers actually write them in chat.
// Apostrophes are dropped before matching ("I'm" and "Im" both become "im").
// Extend freely: each string is one phrase (syntax in lexicon-types.ts).
// biome-ignore format: word lists read and extend better packed than one word per line
export const EN: LanguageLexicon = {
  language: 'en',
  phrases: {
    greeting: [
      'hello', 'hi', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'greetings',
      'howdy', 'welcome to', 'how are you',
    ],
    farewell: [
      'goodbye', 'good bye', 'bye', 'bye bye', 'have a nice day', 'have a great day',
      'have a good day', 'have a lovely day', 'have a nice evening', 'have a great evening',
      'have a good evening', 'have a good one', 'have a great weekend', 'have a nice weekend',
      'enjoy your day', 'take care', 'all the best', 'best wishes', 'talk soon',
      'farewell', 'thanks for contacting', 'thank you for contacting', 'thanks for reaching out',
      'thank you for reaching out', 'thanks for chatting', 'thank you for chatting', 'good night',
      'cheers',
      'enjoy the rest',
      'see you soon', 'see you later', 'have a wonderful day', 'have a fantastic day', 'have a pleasant day', 'have a lovely evening', 'have a wonderful evening', 'have a great one',
      'rest of your day', 'rest of the day',
    ],
    farewell_short: ['=later', '=ciao'],
    farewell_wish: [
      '=have a', '=have an', '=have fun', '=enjoy', '=safe travels', '=safe trip', '=safe flight', '=bon voyage',
      '=good luck', '=happy', '=get well', '=stay safe', '=all the best',
    ],
    how_can_help: [
      'how can i help', 'how may i help', 'how can i assist', 'how may i assist',
      'what can i do for you', 'what can i help', 'how can we help', 'how may we help',
      'what seems to be the problem', 'what seems to be the issue', "what's the issue",
      "what's the problem", 'what brings you', 'what do you need', 'what is your question',
      "what's your question", 'how can i be of help', 'happy to help', 'here to help',
      'help with that', 'help you with that', 'be happy to help', 'be glad to help', 'look into this for you', 'look into it for you',
    ],
    name_ask: [
      'who am i speaking with', 'who am i speaking to', 'who am i talking to',
      'who am i talking with', 'what name can i call you', 'what can i call you', 'who am i chatting with', 'who am i chatting to', 'how should i address you', 'how may i address you',
      'how can i address you', 'what should i call you', 'what can i call you',
      'may i have your name', 'whom am i speaking',
      'pleasure of speaking', 'how may i call you', 'how can i call you',       'your name please', "what's your name", 'what is your name', 'know your name', 'get your name', 'tell me your name', 'your first name', 'what name should i use',
    ],
    name_intro: ['menya zovut', 'mene zvaty', 'mene zvut', 'my name is', "my name's", 'call me', 'name is', 'you can call me'],
    // With Russian and Ukrainian typed in Latin letters ("ya Vova", "menya zovut Oleg").
    name_intro_weak: ["I'm", 'i am', 'this is', "it's", 'it is', 'ya', 'eto', 'tse'],
    helped: [
      'did that help', 'did this help', 'does that help', 'does this help', 'did it help',
      '=helpful', 'able to help', 'did i help', 'have i helped', 'was i helpful', '=helped',
      '=useful', 'answer your question', 'answered your question', 'answers your question',
      'solve', 'resolve', 'did it work', 'did that work', 'does that work', 'does it work',
      'working now', 'make sense', 'makes sense', 'is that clear', 'clear now', '=sorted', '=fixed',
      'everything clear', 'what you needed', 'what you were looking for',
      '&issue resolved', '&problem solved', '&question answered',
      'do the trick', 'did the trick', 'did you find it', 'is it working', 'work for you', 'works for you',
      'were you able', 'did you manage', 'have you managed', 'have you been able', 'was it possible',
      'clear things up', 'explain', 'answer it', 'sort it out', 'is that clear', 'understand',
    ],
    anything_else: [
      '&anything else', '&something else', '&other questions', '&another question',
      '&any questions', '&more questions', '&further questions', '&anything more', '&else i can',
      '&else you need', '&other issues', '&else can', '&any other questions',
    ],
    wait: [
      'one moment', 'one minute', 'one sec', 'one second', 'just a moment', 'just a minute',
      'just a sec', 'just a second', 'please wait', 'please hold', 'hold on', 'hang on',
      'moment please', 'minute please', 'wait a moment', 'wait a minute', 'hang tight',
      'bear with me',
    ],
    wait_check: [
      'let me check', 'let me look', 'let me find out', 'let me ask', 'let me see',
      'let me verify', 'let me confirm', "I'll check", 'i will check', "I'll look", 'i will look',
      "I'll find out", "I'll ask", 'need to check', 'checking now', 'looking into', 'look into',
      'let me find', 'let me get', 'let me pull up', 'let me double check', 'let me take a look',
      'let me have a look', 'be right back', 'get back to you', "I'm checking", 'i am checking',
      "I'm looking", 'checking with', 'check with', "we'll check", 'let me investigate',
      "I'll investigate", "I'll contact", "I'll reach out", 'let me reach out', 'let me contact',
      '=generating', '=preparing', '=processing', 'working on it', "I'm on it",
    ],
    wait_time: [
      'give me a', 'take a while', 'take some time', 'take a moment', 'take a bit', 'take minutes',
      'i need a moment', 'need minutes', 'need some time', 'need a moment', 'few minutes to',
      'couple of minutes to', 'take me minutes', 'take me a', 'few minutes', 'couple of minutes',
      'couple minutes', 'a few mins', 'some time',
    ],
    phone_ask: [
      'phone number', 'contact number', 'mobile number', 'cell number', 'by phone',
      'over the phone',
    ],
    phone_push: [
      'call us', 'call our', 'give us a call', 'give us a ring', 'ring us', 'phone us', 'hotline',
      'help line', 'helpline', 'call center', 'call centre', 'phone line', 'support line', 'call you back', 'will call you', "I'll call you", "we'll call you",
      'dial', 'good time to call', 'support number',
      'we will call you', 'number to reach you', 'number we can reach', 'reach you by phone',
      'talk by phone', 'talk on the phone', 'speak by phone', 'speak on the phone', 'quick call',
      'hop on a call', 'jump on a call', 'discuss by phone', 'can i call you', 'could i call you', 'may i call you',
      'shall i call you', 'should i call you', 'let me call you', 'i can call you', 'we can call you',
      'can we call you', 'give you a call', 'give you a ring', 'ring you', 'call the hotline', 'call the support',
      'will contact you by phone',
    ],
    call_request: [
      'call me', 'call back', 'give me a call', 'phone number', 'your phone number', 'by phone',
      'on the phone', 'over the phone', 'can i call', 'could i call', 'phone call', 'want a call',
      'like a call', 'request a call', 'schedule a call', 'ring me', 'speak on the phone',
      'talk on the phone',
      'number i can call', 'number to call', 'speak to someone by phone',
    ],
    clarify_request: [
      'please tell', 'please provide', 'please send', 'please share', 'please specify',
      'please describe', 'please confirm', 'tell me', 'please attach',
    ],
    bare_reply: [
      '=yes', '=no', '=ok', '=okay', '=k', '=yep', '=yeah', '=yup', '=nope', '=nah', '=sure',
      "=I =don't =know", "=don't =know", '=dunno', '=no =idea', '=idk', '=maybe', '=perhaps',
      '=fine',
    ],
    thanks: [
      'thank you', 'thanks', 'thx', 'ty', 'many thanks', 'thanks for waiting',
      'thank you for waiting', 'thanks for your patience', 'thank you for your patience',
      'thanks for the info',
      'thanks for the details', 'thank you for the details', 'thanks for clarifying', 'thank you for clarifying', 'thanks for the information', 'thank you for the information', 'thanks for letting me know',
    ],
    welcome: [
      'you are welcome', "you're welcome", 'welcome', 'my pleasure', 'no problem', 'glad to help',
      'happy to help', 'glad i could help', 'anytime', 'no worries',
      'glad to hear from you', 'nice to hear from you',
    ],
    apology: [
      'sorry', 'apologies', 'apologize', 'apologise', 'unfortunately', 'sorry to hear',
      'sorry for the wait', 'sorry for the delay', 'i regret',
      'i understand your frustration', 'i understand', 'i completely understand', 'i know how frustrating', 'that must be frustrating',
    ],
    ack: [
      '=ok', '=okay', '=got =it', '=understood', '=great', '=sure', '=alright', '=of =course', '=perfect',
      '=yes', '=no', '=right', '=i =see', '=noted', '=excellent', '=awesome', '=cool', '=indeed',
      '=certainly', '=absolutely',
      "=let's =see", "=let's =check", '=i =can =see', '=i =see',
    ],
    self_intro: [
      'my name is', "I'm your", 'i am your', 'from support', 'from the support team',
      'from customer support', 'from customer service', 'on behalf of', 'ill be assisting you',
      'will be assisting you', 'will be helping you',
    ],
    presence_check: [
      'are you there', 'are you still there', 'you still there', 'still with me',
      'are you with me', 'still need help', 'can you hear me',
    ],
    transfer: [
      'transferring you', 'transfer you', 'connecting you', 'connect you with', 'passing you to', 'passing this to',
      'escalating this', 'escalate this', 'handing you over', 'bringing in a colleague',
    ],
    brush_place: [
      'website', 'site', 'faq', 'faqs', 'help center', 'help centre', 'knowledge base',
      '=documentation', '=docs', '=doc', 'help page', 'help pages', 'support page', 'support pages',
      'help section', 'user guide', '=manual', 'online guide',
    ],
    brush_section: [
      'page', 'section', 'rules', 'policy wording', 'terms', 'catalog', 'catalogue', 'article',
      'guide', 'guides', 'reference', 'center', 'centre', 'instructions', 'under',
    ],
    brush_verb: [
      'listed', 'described', 'explained', 'covered', 'available', 'published', 'posted', 'shown',
      'outlined', 'detailed', 'in our', 'on our', 'are in the', 'is in the',
      '=see', '=check', '=read', '=visit', '=refer to', '=look at', '=go to', '=browse',
      "you'll find", 'you will find', 'you can find', 'can be found', 'all the info',
      'all the information', 'everything is', 'everything you need', 'all there', 'is explained',
      'are explained', 'is described', 'have a look at', 'take a look at', '=head over to', '=head to', 'all the answers',
    ],
    hedge: [
      '=depends', 'it depends', 'hard to say', 'difficult to say', "can't say", 'cannot say',
      "can't tell", 'cannot tell', "i don't know", 'i do not know', "i'm not sure", 'no idea',
      "can't advise", 'cannot advise', 'unable to say', 'unable to advise',
    ],
    offer: [
      'want me to', 'would you like', 'do you want', 'shall i', 'should i', 'can i schedule',
      'can i set', 'can i book', 'can i arrange', 'would it help if', 'prefer', 'good time', 'do you need',
    ],
    identify: [
      'order', 'account', 'registered', 'linked', 'associated', 'profile', 'find', 'locate',
      'look up', 'identify', 'verify', '=booking', 'placed', 'signed up', 'on file', 'used to',
      'membership', 'loyalty card', 'in our system', 'the number on',
    ],
    negation: ['not', 'dont', 'cant', 'cannot', 'no', 'never', 'without', 'wont'],
  },
  stopwords: [
    'i', 'you', 'we', 'me', 'my', 'your', 'our', 'us', 'it', 'its', 'is', 'are', 'am', 'was', 'be',
    'been', 'the', 'a', 'an', 'and', 'or', 'but', 'to', 'of', 'in', 'on', 'at', 'for', 'with',
    'from', 'by', 'this', 'that', 'there', 'here', 'please', 'now', 'today', 'just', 'so', 'do',
    'does', 'can', 'could', 'would', 'will', 'may', 'im', 'ive', 'ill', 'id', 'youre', 'about',
    'if', 'as', 'all', 'also', 'too', 'very', 'then', 'what', 'how', 'any', 'some',
    'he', 'she', 'his', 'her', 'they', 'them', 'their', 'has', 'have', 'had', 'were', 'being', 'yours', 'mine', 'who', 'which', 'get', 'got',
  ],
  interrogatives: [
    'what', 'which', 'when', 'where', 'why', 'how', 'who', 'whose', 'do', 'does', 'did', 'is',
    'are', 'was', 'were', 'have', 'has', 'can', 'could', 'would', 'will', 'should', 'may', 'shall',
  ],
  nameFillers: [
    'just', 'call', 'me', 'im', 'i', 'am', 'its', 'it', 'is', 'this', 'my', 'name', 'the', 'no',
    'not', 'why', 'anonymous', 'hi', 'hello', 'yes', 'ok', 'sure', 'fine', 'good', 'sorry', 'here',
    'back', 'new', 'ready', 'well', 'glad', 'okay', 'great',
  ],
};
