"""The starter set of coping strategies and the tags they are filed under.

A data migration only. The texts live here, in the migration itself, so that what
it writes never changes when app code does; the reverse removes exactly these
tags and starter strategies (and with them any marks or notebook entries on them).
Written in the project's own words: practical and kind, with no medical claims.
"""

from django.db import migrations

TAGS = [
    ("trigger", "Triggers"),
    ("craving", "Cravings"),
    ("stress", "Stress"),
    ("sleep", "Sleep"),
    ("social", "People and places"),
    ("anger", "Anger"),
    ("loneliness", "Loneliness"),
    ("grounding", "Grounding"),
]

STRATEGIES = [
    (
        "Urge surfing",
        ["craving", "grounding"],
        "An urge is like a wave: it builds, peaks and falls away, usually within "
        "twenty or thirty minutes, even when it feels as if it will last forever. "
        "Instead of fighting it or giving in, try watching it.\n\n"
        "Sit or stand somewhere steady. Notice where you feel the urge in your "
        "body: a tight chest, a dry mouth, restless hands. Describe it to yourself "
        "in plain words, as if you were telling a friend about the weather. Breathe "
        "slowly and let the feeling rise. Rate it from 0 to 10 every few minutes "
        "and notice the number change.\n\n"
        "You are the surfer, not the wave. Each time you ride one out, you learn "
        "that urges pass on their own, and the next one gets a little easier to "
        "meet.",
    ),
    (
        "The HALT check",
        ["trigger", "craving", "anger", "loneliness", "sleep"],
        "When things suddenly feel heavy, or a craving shows up out of nowhere, "
        "pause and ask four short questions. Am I Hungry? Am I Angry? Am I Lonely? "
        "Am I Tired?\n\n"
        "These four ordinary states make almost everything feel harder, and they "
        "are easy to miss when we are busy or upset. Often the answer is simple: "
        "eat something proper, drink some water, tell someone what is bothering "
        "you, send a message to a friend, or rest for twenty minutes.\n\n"
        "Try it at the same times every day, for example before leaving work and "
        "before bed, so it becomes a habit rather than something you only remember "
        "in a hard moment. Looking after a basic need is not a small thing: it is "
        "often the quickest way to feel steadier.",
    ),
    (
        "5-4-3-2-1 grounding",
        ["grounding", "stress", "craving"],
        "When your thoughts are racing or a feeling is getting too big, bring "
        "yourself back to the room you are in by using your senses, one at a "
        "time.\n\n"
        "Name five things you can see: the colour of a door, a crack in the "
        "ceiling. Four things you can touch: your sleeve, the chair under you, the "
        "floor under your feet. Three things you can hear, near or far. Two things "
        "you can smell, or two smells you like if nothing is in the air. One thing "
        "you can taste, or one kind thing you can say to yourself.\n\n"
        "Go slowly and say them out loud if you can. There is no wrong answer. The "
        "point is to give your mind something here and now to hold on to until the "
        "wave of feeling settles.",
    ),
    (
        "Delay, distract, decide",
        ["craving", "trigger"],
        "When a craving hits, you do not have to decide anything right now.\n\n"
        "Delay: promise yourself you will wait fifteen minutes before doing "
        "anything. Set a timer on your phone if that helps.\n\n"
        "Distract: fill those minutes with something that keeps your hands and "
        "head busy. Walk around the block, wash the dishes, take a shower, play a "
        "game, tidy one drawer, or call someone.\n\n"
        "Decide: when the timer goes off, check in with yourself. Is the urge the "
        "same, weaker or stronger? Most of the time it has eased, and the choice "
        "that fits your goals is easier to make. If it is still strong, go round "
        "again: another delay, another distraction. Each round counts, and you "
        "can use this as many times a day as you need.",
    ),
    (
        "Play the tape forward",
        ["craving", "trigger"],
        "Cravings tend to show us only the first few minutes: the relief, the "
        "buzz, the sense of escape. Playing the tape forward means running the "
        "whole film, not just the trailer.\n\n"
        "Picture honestly what happens next. Where are you an hour later? How do "
        "you feel when you wake up tomorrow? Who would you have to explain it to, "
        "or hide it from? What would you lose that you have worked for?\n\n"
        "Then play the other tape: the evening where you get through the urge. "
        "Picture waking up tomorrow clear-headed and proud of yourself.\n\n"
        "It can help to write both endings down on a card or in your notebook "
        "while you are calm, so they are ready to read when a craving comes and "
        "thinking clearly is harder.",
    ),
    (
        "Call someone from my list",
        ["social", "loneliness", "craving"],
        "Reaching out is easier when you have decided in advance who to reach. "
        "Make a short list of three to five people you trust: a sponsor or mentor, "
        "a friend from your group, a family member who gets it. Save their numbers "
        "somewhere you can find quickly.\n\n"
        "When things get hard, call or message the first person on the list. You "
        'do not need a reason or a crisis. "Hi, having a rough moment, can we '
        'talk for five minutes?" is enough. If they do not answer, move to the '
        "next name.\n\n"
        "Many people on such lists are glad to be asked; being trusted with a call "
        "often helps them too. It also helps to practise when things are calm: a "
        "quick hello now makes the harder call later feel more natural.",
    ),
    (
        "Box breathing",
        ["stress", "anger", "grounding", "sleep"],
        "A simple breathing pattern you can use anywhere, and nobody needs to "
        "notice.\n\n"
        "Breathe in slowly through your nose while you count to four. Hold the "
        "breath gently for a count of four. Breathe out through your mouth for a "
        "count of four. Hold again for four before the next breath. Picture "
        "tracing the four sides of a square as you go.\n\n"
        "Repeat for four or five rounds, or for as long as feels good. If holding "
        "your breath is uncomfortable, shorten the counts or skip the holds: a "
        "slow, even rhythm is what matters.\n\n"
        "Many people find it helps to practise once or twice a day when calm, so "
        "the pattern is familiar when it is needed in a tense meeting, a queue, an "
        "argument, or lying awake at night.",
    ),
    (
        "A sleep wind-down routine",
        ["sleep", "stress"],
        "Tired days make everything harder, so it is worth giving sleep a chance. "
        "A wind-down routine tells your body and mind that the day is ending.\n\n"
        "Pick a regular time to start, about an hour before bed. Dim the lights and "
        "put screens away, or at least turn the brightness down. Do the same few "
        "calm things in the same order each night: a warm shower, a cup of "
        "something without caffeine, a few pages of a book, some gentle "
        "stretching.\n\n"
        "If worries keep circling, write them on paper with one small next step "
        "for each, then close the notebook until morning. If you cannot sleep "
        "after a while, get up, do something quiet in low light, and go back when "
        "you feel sleepy. Be patient: routines take a few weeks to settle in.",
    ),
    (
        "Opposite action",
        ["anger", "loneliness", "stress"],
        "Strong feelings come with urges to act: anger makes us want to shout or "
        "hit back, sadness makes us want to hide under the covers, anxiety makes "
        "us want to avoid things. Sometimes following the urge makes things worse.\n\n"
        "Opposite action means first naming the feeling and the urge, then asking "
        "whether acting on it will help. If not, gently do the opposite. If anger "
        "says attack, step back, speak softly and be polite, or leave the room for "
        "a while. If sadness says isolate, get dressed, open the curtains and "
        "message a friend. If fear says avoid, take one small step towards the "
        "thing.\n\n"
        "You do not have to feel like doing it. Do it fully, with your body and "
        "voice, and notice how the feeling shifts over time.",
    ),
    (
        "A gratitude list",
        ["stress", "loneliness"],
        "When life feels grey, it is easy to see only what is wrong. A gratitude "
        "list trains your attention to notice what is going right as well, without "
        "pretending the hard things are not there.\n\n"
        "Each evening, or each morning with your coffee, write down three things "
        'you are grateful for. Keep them small and specific: "the bus driver who '
        'waited for me", "the call with my sister", "I got through today". '
        "Try not to repeat the same ones every day; looking for new ones is part of "
        "the exercise.\n\n"
        "On bad days, reading back over old lists can be a reminder that good "
        "moments happen, even in difficult weeks. You can also add one thing you "
        "did well today. You deserve some credit too.",
    ),
    (
        "My plan for leaving a high-risk situation",
        ["trigger", "social", "craving"],
        "Some places, people and events make cravings much stronger: a party, a "
        "bar after work, an old friend who still uses. Deciding your exit before "
        "you go in makes leaving much easier.\n\n"
        "Before you go, plan how you will get home on your own: your own car, money "
        "for a taxi, a bus timetable, or a friend on standby. Pick a simple line "
        'to say, such as "I have an early start" or "I am not feeling great, I '
        'am heading off". You owe nobody a longer explanation.\n\n'
        "Agree a signal with a trusted person so you can text them one word and "
        "they will call you. Once you are out, do something kind for yourself and "
        "tell someone you made it. Leaving early is a win, never a failure.",
    ),
    (
        "Pause before you reply",
        ["anger", "social", "trigger"],
        "Arguments and hurtful messages can stir up old feelings fast, and words "
        "said in the heat of the moment are hard to take back.\n\n"
        'When you notice heat rising, stop. Say, out loud or to yourself, "I need '
        'a minute". Take a few slow breaths and unclench your jaw and hands. Ask '
        "yourself: what am I feeling, what do I actually need, and what reply "
        "would I be proud of tomorrow?\n\n"
        "With messages, write your reply somewhere other than the chat, then wait "
        "an hour before deciding whether to send it. With people in the room, it "
        "is fine to say you will come back to it later, and then really do. A "
        "pause is not losing the argument; it is choosing how you want to show "
        "up.",
    ),
]

TITLES = [title for title, _tags, _body in STRATEGIES]


def starter_set_add(apps, schema_editor):
    StrategyTag = apps.get_model("recovery", "StrategyTag")
    Strategy = apps.get_model("recovery", "Strategy")
    tags = {
        slug: StrategyTag.objects.create(slug=slug, label=label) for slug, label in TAGS
    }
    for title, slugs, body in STRATEGIES:
        strategy = Strategy.objects.create(
            title=title, body=body, scope="public", starter=True, member=None
        )
        strategy.tags.set([tags[slug] for slug in slugs])


def starter_set_remove(apps, schema_editor):
    StrategyTag = apps.get_model("recovery", "StrategyTag")
    Strategy = apps.get_model("recovery", "Strategy")
    Strategy.objects.filter(starter=True, member=None, title__in=TITLES).delete()
    StrategyTag.objects.filter(slug__in=[slug for slug, _label in TAGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("recovery", "0001_initial")]

    operations = [migrations.RunPython(starter_set_add, starter_set_remove)]
