package harness

import "github.com/conform-dev/conform/harness/steps"

// The names below moved to package steps; they stay here so library users keep compiling.

const AckAny = steps.AckAny
const AckNack = steps.AckNack
const AckNone = steps.AckNone
const AckOK = steps.AckOK

var Advance = steps.Advance
var Answer = steps.Answer

type AnswerArgs = steps.AnswerArgs

var Await = steps.Await

type AwaitArgs = steps.AwaitArgs

var CloseStdin = steps.CloseStdin
var Connect = steps.Connect

type ConnectArgs = steps.ConnectArgs

const DefaultTimeout = steps.DefaultTimeout
const DefaultWindow = steps.DefaultWindow
const DefaultWithin = steps.DefaultWithin

var Deliveries = steps.Deliveries

type DeliveriesArgs = steps.DeliveriesArgs

var Disconnect = steps.Disconnect

type DisconnectArgs = steps.DisconnectArgs
type Env = steps.Env

var ExpectBroadcast = steps.ExpectBroadcast

type ExpectBroadcastArgs = steps.ExpectBroadcastArgs

var ExpectCapabilities = steps.ExpectCapabilities

type ExpectCapabilitiesArgs = steps.ExpectCapabilitiesArgs

var ExpectDecision = steps.ExpectDecision

type ExpectDecisionArgs = steps.ExpectDecisionArgs

var ExpectDelivery = steps.ExpectDelivery

type ExpectDeliveryArgs = steps.ExpectDeliveryArgs

var ExpectExit = steps.ExpectExit

type ExpectExitArgs = steps.ExpectExitArgs

var ExpectFrame = steps.ExpectFrame

type ExpectFrameArgs = steps.ExpectFrameArgs

var ExpectKV = steps.ExpectKV

type ExpectKVArgs = steps.ExpectKVArgs

var ExpectLog = steps.ExpectLog

type ExpectLogArgs = steps.ExpectLogArgs

var ExpectNoFrame = steps.ExpectNoFrame

type ExpectNoFrameArgs = steps.ExpectNoFrameArgs

var ExpectPresence = steps.ExpectPresence

type ExpectPresenceArgs = steps.ExpectPresenceArgs

var ExpectSQL = steps.ExpectSQL

type ExpectSQLArgs = steps.ExpectSQLArgs

var ExpectState = steps.ExpectState

type ExpectStateArgs = steps.ExpectStateArgs

var ExpectSubscription = steps.ExpectSubscription

type ExpectSubscriptionArgs = steps.ExpectSubscriptionArgs

var ExpectTranscriptValid = steps.ExpectTranscriptValid

type ExpectTranscriptValidArgs = steps.ExpectTranscriptValidArgs

var ExpectViolation = steps.ExpectViolation

type ExpectViolationArgs = steps.ExpectViolationArgs

var FetchResponse = steps.FetchResponse

type FetchResponseArgs = steps.FetchResponseArgs

var FireSchedule = steps.FireSchedule

type FireScheduleArgs = steps.FireScheduleArgs

var HoldAnswers = steps.HoldAnswers
var Kill = steps.Kill
var LoadPlugin = steps.LoadPlugin

type LoadPluginArgs = steps.LoadPluginArgs

var NewEnv = steps.NewEnv

type NoArgs = steps.NoArgs

var Publish = steps.Publish

type PublishArgs = steps.PublishArgs

var Request = steps.Request

type RequestArgs = steps.RequestArgs
type ResponseExpectation = steps.ResponseExpectation

var Restart = steps.Restart

type RuleRefusal = steps.RuleRefusal

var SendFrame = steps.SendFrame

type SendFrameArgs = steps.SendFrameArgs

var SendRaw = steps.SendRaw

type SendRawArgs = steps.SendRawArgs

var SetSetting = steps.SetSetting

type SetSettingArgs = steps.SetSettingArgs

var Sleep = steps.Sleep
var Start = steps.Start

type StartArgs = steps.StartArgs

var StepExample = steps.StepExample

type StepFailure = steps.StepFailure

var StepKinds = steps.StepKinds
var Stop = steps.Stop

type StopArgs = steps.StopArgs

var Unload = steps.Unload
var Upload = steps.Upload

type UploadArgs = steps.UploadArgs
